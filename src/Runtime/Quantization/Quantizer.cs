using System.Globalization;

namespace MapDsl.Runtime.Quantization;

/// <summary>
/// How a tensor of weights becomes m-bit stored codes: one <c>quantize</c> statement of the language. Every variant of
/// the quantization ablation of Stutz et al., "Bit Error Robustness for Energy-Efficient DNN Accelerators" (MLSys 2021)
/// is a combination of <see cref="Range"/>, <see cref="Encoding"/> and <see cref="Rounding"/>; <see cref="Robust"/> is
/// their RQuant.
/// </summary>
/// <remarks>
/// <para>With L = 2^(m−1) − 1 and the weights first clamped to [−C, C] when <see cref="Clip"/> is C:</para>
/// <list type="bullet">
/// <item><b>Symmetric</b>: R = C, or the largest |w| when not clipped; position t = w / R · L (the grid of version 1:
/// w_max is exactly code L).</item>
/// <item><b>Asymmetric</b>: lo, hi = min and max of the clamped tensor; x = 2 (w − lo) / (hi − lo) − 1 in [−1, 1];
/// t = x / Δ with Δ = 1.001 / L, the authors' grid (the 0.1% margin keeps ±1 inside the codes).</item>
/// <item><see cref="CodeEncoding.Signed"/>: q = t rounded or truncated (<see cref="CodeRounding"/>), limited to [−L, L], stored
/// as m-bit two's complement. <see cref="CodeEncoding.Unsigned"/>: the stored number is t + 2^(m−1) limited to
/// [0, 2^m − 1], then rounded or floored, and q is that number − 2^(m−1); rounding the offset number rather than t
/// sends t = −0.5 to q = 0 (signed: −1), and truncating it rounds negative t down (signed: toward zero).</item>
/// </list>
/// <para>Decoding and its clamps are <see cref="QuantizedTensor"/>'s. A tensor whose range is empty (all zeros, or all
/// equal under an asymmetric range) stores q = 0 everywhere and decodes to that one value whatever its codes become.</para>
/// </remarks>
public sealed record Quantizer
{
    /// <summary>The fewest bits a code may have: one for the sign (or offset) and one for a magnitude.</summary>
    public const int MinBits = 2;

    /// <summary>The most bits a code may have (codes are stored as 16-bit patterns).</summary>
    public const int MaxBits = 16;

    /// <summary>The authors' margin on the normalised asymmetric range: Δ = (1 + <see cref="AsymmetricMargin"/>) / L.</summary>
    public const double AsymmetricMargin = 0.001;

    /// <summary>Creates a quantizer after checking its numbers.</summary>
    /// <param name="bits">Word width m in [<see cref="MinBits"/>, <see cref="MaxBits"/>].</param>
    /// <param name="range">Symmetric or asymmetric range.</param>
    /// <param name="encoding">Two's complement or offset binary codes.</param>
    /// <param name="rounding">Nearest or truncating.</param>
    /// <param name="clip">The clip bound C (finite, &gt; 0), or null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range, or an enum value is not defined.</exception>
    public Quantizer(int bits, QuantizationRange range = QuantizationRange.Symmetric, CodeEncoding encoding = CodeEncoding.Signed, CodeRounding rounding = CodeRounding.Nearest, double? clip = null)
    {
        if (bits < MinBits || bits > MaxBits)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"Codes need {MinBits} to {MaxBits} bits (a sign or offset and a magnitude), got {bits}.");
        }

        if (clip is double bound && !(bound > 0 && double.IsFinite(bound)))
        {
            throw new ArgumentOutOfRangeException(nameof(clip), bound, "The clip bound must be finite and > 0, or null for no clipping.");
        }

        Bits = bits;
        Range = Enum.IsDefined(range) ? range : throw new ArgumentOutOfRangeException(nameof(range), range, "Not a quantization range.");
        Encoding = Enum.IsDefined(encoding) ? encoding : throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Not a code encoding.");
        Rounding = Enum.IsDefined(rounding) ? rounding : throw new ArgumentOutOfRangeException(nameof(rounding), rounding, "Not a rounding.");
        Clip = clip;
    }

    /// <summary>Word width m in bits.</summary>
    public int Bits { get; }

    /// <summary>The interval the codes cover.</summary>
    public QuantizationRange Range { get; }

    /// <summary>How an integer is stored as a bit pattern.</summary>
    public CodeEncoding Encoding { get; }

    /// <summary>How a position becomes an integer.</summary>
    public CodeRounding Rounding { get; }

    /// <summary>The clip bound C, or null when weights are not clipped.</summary>
    public double? Clip { get; }

    /// <summary>L = 2^(m−1) − 1: the largest |q|.</summary>
    public int Levels => (1 << (Bits - 1)) - 1;

    /// <summary>The grid step on the normalised asymmetric range [−1, 1]: (1 + 0.001) / L.</summary>
    internal double NormalisedStep => (1 + AsymmetricMargin) / Levels;

    /// <summary>Per-layer symmetric signed codes with rounding: <c>quantize m bit;</c> of version 1.</summary>
    /// <param name="bits">Word width m.</param>
    /// <param name="clip">The clip bound, or null for the layer's largest |w|.</param>
    public static Quantizer Symmetric(int bits, double? clip = null) => new(bits, QuantizationRange.Symmetric, CodeEncoding.Signed, CodeRounding.Nearest, clip);

    /// <summary>RQuant of Stutz et al.: asymmetric range, unsigned codes, rounding, optionally clipped.</summary>
    /// <param name="bits">Word width m.</param>
    /// <param name="clip">The clip bound w_max, or null for none.</param>
    public static Quantizer Robust(int bits, double? clip = null) => new(bits, QuantizationRange.Asymmetric, CodeEncoding.Unsigned, CodeRounding.Nearest, clip);

    /// <summary>Quantizes <paramref name="weights"/> into stored codes.</summary>
    /// <param name="weights">Finite weights; not changed.</param>
    /// <returns>The codes with what decodes them.</returns>
    /// <exception cref="ArgumentException">A weight is NaN or infinite.</exception>
    public QuantizedTensor Quantize(ReadOnlySpan<float> weights)
    {
        (double low, double high) = RangeOf(weights);
        var codes = new ushort[weights.Length];
        var tensor = new QuantizedTensor(codes, this, low, high);
        for (int i = 0; i < weights.Length; i++)
        {
            codes[i] = tensor.Encode(weights[i]);
        }

        return tensor;
    }

    /// <summary>
    /// Writes the weights the fault-free codes of <paramref name="weights"/> decode to into <paramref name="decoded"/>
    /// (the forward weights of quantization-aware training), without keeping the codes.
    /// </summary>
    /// <param name="weights">Finite weights.</param>
    /// <param name="decoded">Destination of the same length; may be <paramref name="weights"/> itself.</param>
    public void RoundTrip(ReadOnlySpan<float> weights, Span<float> decoded)
    {
        if (decoded.Length != weights.Length)
        {
            throw new ArgumentException($"Destination holds {decoded.Length} weights, the source {weights.Length}.", nameof(decoded));
        }

        (double low, double high) = RangeOf(weights);
        var tensor = new QuantizedTensor([], this, low, high);
        for (int i = 0; i < weights.Length; i++)
        {
            decoded[i] = tensor.DecodeCode(tensor.Encode(weights[i]));
        }
    }

    /// <summary>The statement's words after <c>quantize</c>, as the language spells them: <c>8 bit robust clip 0.1</c>.</summary>
    public string Spelling()
    {
        string words = this == Robust(Bits, Clip) ? "robust"
            : string.Join(' ', new[]
            {
                Range == QuantizationRange.Asymmetric ? "asymmetric" : "symmetric",
                Encoding == CodeEncoding.Unsigned ? "unsigned" : null,
                Rounding == CodeRounding.Truncate ? "truncate" : null,
            }.Where(word => word is not null));
        string clip = Clip is double c ? " clip " + c.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
        return $"{Bits} bit {words}{clip}";
    }

    /// <inheritdoc/>
    public override string ToString() => "quantize " + Spelling();

    // The interval the codes cover: [−R, R] for a symmetric range, [min, max] of the clamped weights for an asymmetric one.
    private (double Low, double High) RangeOf(ReadOnlySpan<float> weights)
    {
        double limit = Clip ?? double.PositiveInfinity;
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        for (int i = 0; i < weights.Length; i++)
        {
            if (!float.IsFinite(weights[i]))
            {
                throw new ArgumentException($"Weight {i} is {weights[i].ToString(CultureInfo.InvariantCulture)}; quantization needs finite weights.", nameof(weights));
            }

            double w = Math.Clamp(weights[i], -limit, limit);
            min = Math.Min(min, w);
            max = Math.Max(max, w);
        }

        if (weights.IsEmpty)
        {
            return (0, 0);
        }

        if (Range == QuantizationRange.Asymmetric)
        {
            return (min, max);
        }

        double r = Clip ?? Math.Max(-min, max);
        return (-r, r);
    }
}
