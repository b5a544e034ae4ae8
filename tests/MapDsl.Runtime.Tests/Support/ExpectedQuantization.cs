using MapDsl.Runtime.Quantization;

namespace MapDsl.Runtime.Tests.Support;

/// <summary>
/// Float64 reference of a <c>quantize</c> statement, written from the documented formula in the shape of the authors'
/// PyTorch code (Stutz et al., MLSys 2021, <c>common/quantization.py</c>): clamp to the clip, clamp to the range,
/// normalise, divide by the step, add 2^(m−1) for unsigned codes, clamp, round or truncate; and back with their
/// clamps. It never calls the runtime: it only reads the five settings of a <see cref="Quantizer"/>.
/// </summary>
internal sealed record ExpectedQuantization(int Bits, bool Asymmetric, bool Unsigned, bool Truncate, double? Clip)
{
    /// <summary>The authors' margin: Δ = (1 + 0.001) / L on the normalised asymmetric range.</summary>
    private const double Epsilon = 0.001;

    public static ExpectedQuantization Of(Quantizer quantizer) => new(
        quantizer.Bits,
        quantizer.Range == QuantizationRange.Asymmetric,
        quantizer.Encoding == CodeEncoding.Unsigned,
        quantizer.Rounding == CodeRounding.Truncate,
        quantizer.Clip);

    /// <summary>L = 2^(m−1) − 1.</summary>
    public double Levels => Math.Pow(2, Bits - 1) - 1;

    /// <summary>2^(m−1): the offset of unsigned codes and the weight of the sign bit.</summary>
    public double Half => Math.Pow(2, Bits - 1);

    /// <summary>2^m − 1: the largest pattern.</summary>
    public double Top => Math.Pow(2, Bits) - 1;

    /// <summary>The asymmetric grid step on [−1, 1].</summary>
    public double Delta => (1 + Epsilon) / Levels;

    /// <summary>lo and hi: [−R, R] (R = clip, else max |w|) or [min, max] of the clipped weights; (0, 0) when empty.</summary>
    public (double Lo, double Hi) RangeOf(IReadOnlyList<float> weights)
    {
        if (weights.Count == 0)
        {
            return (0, 0);
        }

        double[] clipped = [.. weights.Select(w => Clip is double c ? Math.Min(c, Math.Max(-c, (double)w)) : w)];
        if (Asymmetric)
        {
            return (clipped.Min(), clipped.Max());
        }

        double r = Clip ?? clipped.Max(Math.Abs);
        return (-r, r);
    }

    /// <summary>The stored m-bit pattern of <paramref name="w"/> in a tensor whose range is [lo, hi].</summary>
    public int Code(double w, double lo, double hi)
    {
        double t = 0;
        if (hi > lo)
        {
            double v = Math.Min(hi, Math.Max(lo, w));
            t = Asymmetric ? ((v - lo) / (hi - lo) * 2 - 1) / Delta : v / hi * Levels;
        }

        if (Unsigned)
        {
            double stored = Math.Min(Top, Math.Max(0, t + Half));
            return (int)(Truncate ? Math.Floor(stored) : RoundHalfAwayFromZero(stored));
        }

        double q = Math.Min(Levels, Math.Max(-Levels, t));
        return TwosComplement((int)(Truncate ? Math.Truncate(q) : RoundHalfAwayFromZero(q)), Bits);
    }

    /// <summary>q of a pattern: pattern − 2^(m−1) for unsigned codes, its two's complement value for signed ones.</summary>
    public int ValueOf(int pattern)
    {
        int bits = pattern & (int)Top;
        return Unsigned ? bits - (int)Half : SignedValue(bits, Bits);
    }

    /// <summary>The weight pattern <paramref name="pattern"/> holds in a tensor whose range is [lo, hi].</summary>
    public double Weight(int pattern, double lo, double hi)
    {
        if (!(hi > lo))
        {
            return lo;
        }

        double q = ValueOf(pattern);
        if (!Asymmetric)
        {
            return q * hi / Levels; // no clamp: the most negative pattern reads one step beyond −R
        }

        double x = Math.Min(1, Math.Max(-1, q * Delta));
        return Math.Min(hi, Math.Max(lo, (x + 1) / 2 * (hi - lo) + lo));
    }

    /// <summary>The m-bit two's complement pattern of <paramref name="value"/>: value mod 2^m.</summary>
    public static int TwosComplement(int value, int bits)
    {
        int modulus = 1 << bits;
        return ((value % modulus) + modulus) % modulus;
    }

    /// <summary>The signed value of an m-bit two's complement pattern.</summary>
    public static int SignedValue(int pattern, int bits) => pattern >= 1 << (bits - 1) ? pattern - (1 << bits) : pattern;

    /// <summary>Nearest integer, halves away from zero, without Math.Round: the fraction is exact below 2^52.</summary>
    public static double RoundHalfAwayFromZero(double v)
    {
        double magnitude = Math.Abs(v);
        double whole = Math.Floor(magnitude);
        return Math.CopySign(magnitude - whole >= 0.5 ? whole + 1 : whole, v);
    }
}
