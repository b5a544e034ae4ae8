namespace MapDsl.Generated.Tests;

/// <summary>
/// The contract's formulas, written out again in float64 independently of the runtime, so the
/// generated code is checked against a second implementation rather than against itself.
/// </summary>
internal static class ReferenceMath
{
    /// <summary>Two-column and differential read back: |w| snapped to L levels of w_max / (L - 1).</summary>
    public static double PairGrid(double w, double wMax, int levels)
    {
        if (wMax == 0)
        {
            return 0;
        }

        var step = wMax / (levels - 1);
        return Math.Sign(w) * Math.Round(Math.Abs(w) / step, MidpointRounding.AwayFromZero) * step;
    }

    /// <summary>
    /// Offset read back: w + w_max snapped to L levels over [0, 2 w_max]. With an even number of
    /// levels no level sits at the midpoint, so a weight of 0 (and every weight on a half step) is
    /// an exact tie that float rounding may break either way: both neighbours are returned then.
    /// </summary>
    public static double[] OffsetGrid(double w, double wMax, int levels)
    {
        var step = 2 * wMax / (levels - 1);
        var position = (w + wMax) / step;
        var nearest = Math.Round(position, MidpointRounding.AwayFromZero);
        var isTie = Math.Abs(Math.Abs(position - Math.Floor(position)) - 0.5) < 1e-6;
        return isTie
            ? [(Math.Floor(position) * step) - wMax, (Math.Ceiling(position) * step) - wMax]
            : [(nearest * step) - wMax];
    }

    /// <summary>Symmetric signed fixed point with b bits: 2^(b-1) - 1 steps per sign.</summary>
    public static double Fixed(double w, double wMax, int bits)
    {
        var steps = (1 << (bits - 1)) - 1;
        return wMax == 0 ? 0 : Math.Round(w / wMax * steps, MidpointRounding.AwayFromZero) * wMax / steps;
    }

    /// <summary>[min, max] of the weights clamped to [−clip, clip]: the range of an asymmetric quantizer.</summary>
    public static (double Lo, double Hi) ClippedRange(IEnumerable<float> weights, double clip)
    {
        var clipped = weights.Select(w => Math.Clamp(w, -clip, clip)).ToArray();
        return (clipped.Min(), clipped.Max());
    }

    /// <summary>
    /// Asymmetric unsigned b-bit code of w (Stutz et al.): x = 2 (w − lo) / (hi − lo) − 1, t = x / Δ with
    /// Δ = 1.001 / (2^(b−1) − 1), stored t + 2^(b−1) limited to [0, 2^b − 1], then rounded (halves up) or floored.
    /// </summary>
    public static int AsymmetricUnsignedCode(double w, double lo, double hi, int bits, bool truncate)
    {
        var delta = 1.001 / ((1 << (bits - 1)) - 1);
        var x = ((Math.Clamp(w, lo, hi) - lo) / (hi - lo) * 2) - 1;
        var stored = Math.Clamp((x / delta) + (1 << (bits - 1)), 0, (1 << bits) - 1);
        return (int)(truncate ? Math.Floor(stored) : Math.Floor(stored + 0.5));
    }

    /// <summary>The weight of an asymmetric unsigned b-bit code, with the authors' clamps: x = q Δ in [−1, 1], w in [lo, hi].</summary>
    public static double AsymmetricUnsignedWeight(int code, double lo, double hi, int bits)
    {
        var delta = 1.001 / ((1 << (bits - 1)) - 1);
        var x = Math.Clamp((code - (1 << (bits - 1))) * delta, -1, 1);
        return Math.Clamp(((x + 1) / 2 * (hi - lo)) + lo, lo, hi);
    }

    public static double MaxAbs(IEnumerable<float> weights) => weights.Select(w => Math.Abs((double)w)).DefaultIfEmpty(0).Max();

    /// <summary>Seeded normal weights, as a trained layer roughly has.</summary>
    public static float[] RandomWeights(int count, int seed, double scale = 0.1)
    {
        var random = new MathNet.Numerics.Distributions.Normal(0, scale, new Random(seed));
        return [.. Enumerable.Range(0, count).Select(_ => (float)random.Sample())];
    }
}
