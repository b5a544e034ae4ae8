namespace MapDsl.Runtime.Quantization;

/// <summary>
/// Signed fixed-point weights: <c>bits</c> bits give L = 2^(bits-1) - 1 positive steps (1 for a single bit) and a
/// grid of 2L + 1 values symmetric around an exact zero, from -w_max to w_max in steps of w_max / L. Symmetric so
/// that pruned (zero) weights stay exactly zero. Halfway cases round away from zero; values beyond ±w_max clamp.
/// </summary>
public static class SymmetricQuantizer
{
    /// <summary>Widest supported word; more bits than this gains nothing over float32 weights.</summary>
    public const int MaxBits = 16;

    /// <summary>Positive steps L of a <paramref name="bits"/>-bit word: 2^(bits-1) - 1, or 1 for a single bit.</summary>
    /// <param name="bits">Word width in [1, 16].</param>
    public static int Levels(int bits)
    {
        if (bits < 1 || bits > MaxBits)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"bits must be in [1, {MaxBits}], got {bits}.");
        }

        return bits == 1 ? 1 : (1 << (bits - 1)) - 1;
    }

    /// <summary>
    /// Replaces each weight by its nearest grid value, <c>round(w / w_max * L) * w_max / L</c> clamped to ±w_max.
    /// With w_max = 0 every weight becomes 0.
    /// </summary>
    /// <param name="weights">Weights, changed in place.</param>
    /// <param name="wMax">Largest representable magnitude; finite and non-negative.</param>
    /// <param name="bits">Word width in [1, 16].</param>
    public static void Quantize(Span<float> weights, double wMax, int bits)
    {
        int levels = Levels(bits);
        CheckWMax(wMax);
        if (wMax == 0)
        {
            weights.Clear();
            return;
        }

        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = ToWeight(ToCode(weights[i], wMax, levels), wMax, levels);
        }
    }

    /// <summary>
    /// The integer code of <paramref name="w"/>, in [-L, L]: <c>round(w / w_max * L)</c>, clamped. NaN and any weight
    /// under w_max = 0 encode as 0.
    /// </summary>
    /// <param name="w">Weight.</param>
    /// <param name="wMax">Largest representable magnitude; finite and non-negative.</param>
    /// <param name="bits">Word width in [1, 16].</param>
    public static int Encode(float w, double wMax, int bits)
    {
        int levels = Levels(bits);
        CheckWMax(wMax);
        return wMax == 0 ? 0 : ToCode(w, wMax, levels);
    }

    /// <summary>The weight of code <paramref name="code"/>, <c>code * w_max / L</c>.</summary>
    /// <param name="code">Code in [-L, L].</param>
    /// <param name="wMax">Largest representable magnitude; finite and non-negative.</param>
    /// <param name="bits">Word width in [1, 16].</param>
    public static float Decode(int code, double wMax, int bits)
    {
        int levels = Levels(bits);
        CheckWMax(wMax);
        if (code < -levels || code > levels)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, $"A {bits}-bit code must be in [{-levels}, {levels}], got {code}.");
        }

        return wMax == 0 ? 0f : ToWeight(code, wMax, levels);
    }

    /// <summary>
    /// Quantizes like <see cref="Quantize"/> but keeps what the memory stores: each code in [-L, L] as an m-bit
    /// two's complement pattern, so that bit errors can be applied to it. Decoding gives exactly the weights
    /// <see cref="Quantize"/> produces.
    /// </summary>
    /// <param name="weights">Weights to quantize; not changed.</param>
    /// <param name="wMax">Largest representable magnitude; finite and non-negative.</param>
    /// <param name="bits">
    /// Word width in [2, 16]. One bit is rejected: its grid (-w_max, 0, w_max) has three values and no 1-bit
    /// pattern holds them.
    /// </param>
    public static QuantizedTensor QuantizeToCodes(ReadOnlySpan<float> weights, double wMax, int bits)
    {
        int levels = Levels(bits);
        if (bits < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "Stored symmetric codes need at least 2 bits: the 1-bit grid (-w_max, 0, w_max) has three values.");
        }

        CheckWMax(wMax);
        int mask = (1 << bits) - 1;
        var codes = new ushort[weights.Length];
        if (wMax > 0)
        {
            for (int i = 0; i < weights.Length; i++)
            {
                codes[i] = (ushort)(ToCode(weights[i], wMax, levels) & mask);
            }
        }

        return new QuantizedTensor(codes, bits, QuantizationScheme.Symmetric, range: wMax, steps: levels, offset: 0);
    }

    private static int ToCode(double w, double wMax, int levels)
    {
        double position = w / wMax * levels;
        if (double.IsNaN(position))
        {
            return 0;
        }

        return (int)Math.Round(Math.Clamp(position, -levels, levels), MidpointRounding.AwayFromZero);
    }

    private static float ToWeight(int code, double wMax, int levels) => (float)(code * wMax / levels);

    private static void CheckWMax(double wMax)
    {
        if (!(wMax >= 0) || double.IsPositiveInfinity(wMax))
        {
            throw new ArgumentOutOfRangeException(nameof(wMax), wMax, "w_max must be a finite, non-negative weight magnitude.");
        }
    }
}
