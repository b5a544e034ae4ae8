namespace MapDsl.Runtime.Tests.Support;

/// <summary>
/// Float64 references for stored quantization codes, written from the definitions rather than by calling the runtime.
/// </summary>
internal static class ExpectedQuantization
{
    /// <summary>Symmetric signed code: round(w / w_max * L) half away from zero, clamped to [-L, L].</summary>
    public static int SymmetricCode(double w, double wMax, int bits)
    {
        double levels = Math.Pow(2, bits - 1) - 1;
        return (int)Math.Clamp(Math.Round(w / wMax * levels, MidpointRounding.AwayFromZero), -levels, levels);
    }

    /// <summary>The m-bit two's complement pattern of <paramref name="value"/>: value mod 2^m.</summary>
    public static int TwosComplement(int value, int bits)
    {
        int modulus = 1 << bits;
        return ((value % modulus) + modulus) % modulus;
    }

    /// <summary>The signed value of an m-bit two's complement pattern.</summary>
    public static int SignedValue(int pattern, int bits) => pattern >= 1 << (bits - 1) ? pattern - (1 << bits) : pattern;

    /// <summary>
    /// RQuant of Stutz et al.: clip to [-clip, clip], then [min, max] of the clipped tensor to 0 .. 2^m - 1 with
    /// rounding; returns the codes and each code's decoded weight.
    /// </summary>
    public static (int[] Codes, double[] Weights) Robust(IReadOnlyList<float> weights, int bits, double? clip)
    {
        double bound = clip ?? double.MaxValue;
        double[] clipped = weights.Select(w => Math.Min(bound, Math.Max(-bound, (double)w))).ToArray();
        double min = clipped.Min();
        double max = clipped.Max();
        double steps = Math.Pow(2, bits) - 1;
        if (max == min)
        {
            return (new int[clipped.Length], clipped.Select(_ => min).ToArray());
        }

        int[] codes = clipped.Select(w => (int)Math.Floor((w - min) / (max - min) * steps + 0.5)).ToArray();
        return (codes, codes.Select(code => min + code * (max - min) / steps).ToArray());
    }
}
