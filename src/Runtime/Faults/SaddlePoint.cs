namespace MapDsl.Runtime.Faults;

/// <summary>
/// The two pieces of Loader's saddle-point form of the binomial pmf ("Fast and accurate computation of binomial
/// probabilities", 2000). Writing the pmf as a product of Stirling's formula, a small Stirling correction and a
/// deviance term avoids subtracting log-factorials of size n log n, which would lose all accuracy for n near 1e9.
/// </summary>
internal static class SaddlePoint
{
    /// <summary>ln sqrt(2 pi).</summary>
    public const double LnSqrt2Pi = 0.918938533204672741780329736406;

    // Below this the asymptotic series is not accurate enough; small arguments use exact log-factorials instead.
    private const int SeriesFrom = 16;

    // ln k! for k < SeriesFrom, summed with the deterministic log at start-up so it is the same everywhere.
    private static readonly double[] LogFactorials = BuildLogFactorials();

    /// <summary>
    /// The error of Stirling's formula in log space, ln k! - (k + 1/2) ln k + k - ln sqrt(2 pi), for an integer k >= 1.
    /// </summary>
    /// <param name="k">A positive integer.</param>
    /// <returns>The correction, about 1/(12k).</returns>
    public static double StirlingError(double k)
    {
        if (k < SeriesFrom)
        {
            return LogFactorials[(int)k] - (k + 0.5) * DeterministicMath.Log(k) + k - LnSqrt2Pi;
        }

        // The asymptotic series 1/(12k) - 1/(360k^3) + 1/(1260k^5) - 1/(1680k^7) + 1/(1188k^9); the next term is
        // below 1.2e-16 for k >= 16.
        double inv = 1 / k;
        double inv2 = inv * inv;
        double sum = 1.0 / 1188;
        sum = 1.0 / 1680 - inv2 * sum;
        sum = 1.0 / 1260 - inv2 * sum;
        sum = 1.0 / 360 - inv2 * sum;
        sum = 1.0 / 12 - inv2 * sum;
        return sum * inv;
    }

    /// <summary>
    /// The deviance x ln(x / mean) + mean - x (>= 0), computed without cancellation when x is close to the mean.
    /// </summary>
    /// <param name="x">A count, at least 0.</param>
    /// <param name="mean">A positive mean.</param>
    /// <returns>The deviance.</returns>
    public static double Deviance(double x, double mean)
    {
        double diff = x - mean;
        if (Math.Abs(diff) >= 0.1 * (x + mean))
        {
            return x * DeterministicMath.Log(x / mean) + mean - x;
        }

        // With v = (x - mean) / (x + mean), ln(x / mean) = 2 atanh v, which gives
        // deviance = (x - mean) v + 2x (v^3/3 + v^5/5 + ...); |v| < 0.1, so a dozen terms reach full precision.
        double v = diff / (x + mean);
        double v2 = v * v;
        double sum = diff * v;
        double power = 2 * x * v;
        for (int j = 1; j < 64; j++)
        {
            power *= v2;
            double next = sum + power / (2 * j + 1);
            if (next == sum)
            {
                break;
            }

            sum = next;
        }

        return sum;
    }

    private static double[] BuildLogFactorials()
    {
        var table = new double[SeriesFrom];
        for (int k = 2; k < SeriesFrom; k++)
        {
            table[k] = table[k - 1] + DeterministicMath.Log(k);
        }

        return table;
    }
}
