namespace MapDsl.Runtime.Faults;

/// <summary>
/// The binomial CDF and survival function of one (n, p) with a small mean, tabulated from k = 0 with the pmf
/// recurrence. Fault campaigns draw one count per tile and fault kind, all tiles of a layer with the same (n, p)
/// and only the uniform differing, so the table is built once (one log and one exp) and every further count is
/// a short scan with no transcendental function at all.
/// </summary>
/// <remarks>
/// The table is the definition of the count for these (n, p), whether it comes from the cache or is built anew,
/// so caching never changes a result. It runs to the first k past the mode where the rest of the distribution is
/// negligible next to the smallest upper tail a uniform can ask for (2^-54: uniforms are centres of 2^53 cells).
/// </remarks>
internal sealed class SmallMeanTable
{
    /// <summary>Modes up to this use a table; larger ones need the general search from the mode.</summary>
    public const long MaxMode = 1024;

    // Past the mode the table runs some 40 standard deviations; this bounds it for modes up to MaxMode.
    private const int MaxLength = 8192;
    private const double SmallestTail = 1.0 / (1UL << 54);

    // A few recent tables per thread: a map alternates between stuck-on and stuck-off streams of each tile.
    [ThreadStatic]
    private static SmallMeanTable?[]? _recent;

    private readonly long _n;
    private readonly double _p;
    private readonly double[] _cdf;
    private readonly double[] _survival;

    private SmallMeanTable(long n, double p, double[] cdf, double[] survival)
    {
        _n = n;
        _p = p;
        _cdf = cdf;
        _survival = survival;
    }

    /// <summary>The table of Binomial(n, p), or null when its mean is too large or pmf(0) underflows.</summary>
    public static SmallMeanTable? For(long n, double p)
    {
        var recent = _recent ??= new SmallMeanTable?[4];
        foreach (var table in recent)
        {
            if (table is not null && table._n == n && table._p == p)
            {
                return table;
            }
        }

        var built = Build(n, p);
        if (built is not null)
        {
            Array.Copy(recent, 0, recent, 1, recent.Length - 1);
            recent[0] = built;
        }

        return built;
    }

    /// <summary>The smallest k with CDF(k) >= u (u in (0, 1)), summed from the side of the smaller tail.</summary>
    public long Lookup(double u) => u <= 0.5
        ? Math.Min(SortedSearch.FirstAtLeast(_cdf, u), _cdf.Length - 1)           // the first k with CDF >= u (the last if none)
        : Math.Min(SortedSearch.FirstAtMost(_survival, 1 - u), _survival.Length - 1); // the first k with P(X > k) <= 1 - u

    private static SmallMeanTable? Build(long n, double p)
    {
        var binomial = new BinomialDistribution(n, p);
        if (binomial.Mode > MaxMode)
        {
            return null;
        }

        double pmf = binomial.Pmf(0);
        if (pmf < BinomialCount.Tiny)
        {
            return null;
        }

        var pmfs = new double[MaxLength];
        int end = 0;
        pmfs[0] = pmf;
        while (end < binomial.N)
        {
            double up = binomial.UpRatio(end);
            if (up < 1 && pmf * up / (1 - up) <= SmallestTail * BinomialCount.Negligible)
            {
                break;
            }

            if (end + 1 >= MaxLength)
            {
                return null;
            }

            pmf *= up;
            pmfs[++end] = pmf;
        }

        var cdf = new double[end + 1];
        var survival = new double[end + 1];
        double sum = 0;
        for (int k = 0; k <= end; k++)
        {
            sum += pmfs[k];
            cdf[k] = sum;
        }

        // survival[k] = P(X > k), summed from the top so the small tail keeps its precision.
        double above = 0;
        for (int k = end; k >= 0; k--)
        {
            survival[k] = above;
            above += pmfs[k];
        }

        return new SmallMeanTable(n, p, cdf, survival);
    }
}
