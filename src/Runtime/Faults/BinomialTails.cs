namespace MapDsl.Runtime.Faults;

/// <summary>
/// The searches of <see cref="BinomialCount.InverseCdf"/> for one (n, p) with everything that does not depend on u
/// computed once, for means too large for <see cref="SmallMeanTable"/>: a campaign draws a count per tile and stream
/// with the same n and p, and each search walks some ten standard deviations, one division per step.
/// </summary>
/// <remarks>
/// It gives the searches' answers bit for bit, by replaying their arithmetic: the walk from the mode to where the
/// tail becomes negligible stops at the first step whose bound is at most u · Negligible, so the bounds are kept
/// with a running minimum and searched; the sum from that start is kept per start, and the answer is the first
/// partial sum that reaches u. Sums only grow (adding non-negative numbers never lowers a float sum), so both
/// searches are binary. Tests compare it with the searches on many (n, p, u).
/// </remarks>
internal sealed class BinomialTails
{
    // Memory grows with the spread: a walk spans some ten standard deviations, and each start reached keeps its sums.
    // Up to a standard deviation of 256 (a 1M-cell tile at any rate, a layer's code bits at small rates) that is a
    // few MB at most; wider distributions are searched directly.
    private const double MaxVariance = 256.0 * 256.0;

    // A few recent (n, p) per thread: a chip alternates between the stuck-on and the stuck-off stream of each tile.
    [ThreadStatic]
    private static BinomialTails?[]? _recent;

    private readonly BinomialDistribution _binomial;
    private readonly Walk _down;
    private readonly Walk _up;
    private readonly Dictionary<long, double[]> _cdfFrom = [];
    private readonly Dictionary<long, double[]> _survivalFrom = [];

    private BinomialTails(long n, double p)
    {
        _binomial = new BinomialDistribution(n, p);
        _down = Walk.From(_binomial, downwards: true);
        _up = Walk.From(_binomial, downwards: false);
    }

    public long N => _binomial.N;

    public double P { get; private init; }

    /// <summary>The tails of (n, p), cached per thread; null when the distribution is too wide to keep.</summary>
    public static BinomialTails? For(long n, double p)
    {
        if (n * p * (1 - p) > MaxVariance)
        {
            return null;
        }

        var recent = _recent ??= new BinomialTails?[4];
        foreach (var tails in recent)
        {
            if (tails is not null && tails.N == n && tails.P == p)
            {
                return tails;
            }
        }

        var built = new BinomialTails(n, p) { P = p };
        Array.Copy(recent, 0, recent, 1, recent.Length - 1);
        recent[0] = built;
        return built;
    }

    /// <summary>The smallest k with P(X ≤ k) ≥ u, for u ≤ 0.5, as <c>BinomialCount.SearchFromLowerTail</c> finds it.</summary>
    public long Lower(double u)
    {
        long start = _down.Stop(u * BinomialCount.Negligible);
        if (!_cdfFrom.TryGetValue(start, out var cdf))
        {
            _cdfFrom[start] = cdf = CdfFrom(start);
        }

        // The first partial sum that reaches u; the last entry is at k = N if none does.
        return start + Math.Min(SortedSearch.FirstAtLeast(cdf, u), cdf.Length - 1);
    }

    /// <summary>The smallest k with P(X &gt; k) ≤ tail, for tail &lt; 0.5, as <c>BinomialCount.SearchFromUpperTail</c> finds it.</summary>
    public long Upper(double tail)
    {
        long end = _up.Stop(tail * BinomialCount.Negligible);
        if (!_survivalFrom.TryGetValue(end, out var below))
        {
            _survivalFrom[end] = below = SurvivalFrom(end);
        }

        // below[j] = P(X > end - j - 1) summed from the top; the search stops at the first one above the tail.
        return end - SortedSearch.FirstAbove(below, tail);
    }

    // cdf[j] = P(X ≤ start + j) summed from start, up to the first sum of at least 0.5 (u never exceeds it) or k = N.
    private double[] CdfFrom(long start)
    {
        var sums = new List<double>();
        long k = start;
        double pmf = _binomial.Pmf(k);
        double cdf = pmf;
        sums.Add(cdf);
        while (cdf < 0.5 && k < _binomial.N)
        {
            pmf *= _binomial.UpRatio(k);
            k++;
            cdf += pmf;
            sums.Add(cdf);
        }

        return [.. sums];
    }

    // below[j] = survival + pmf at k = end - j, as the upper search forms it, while k > 0 and up to the first above 0.5.
    private double[] SurvivalFrom(long end)
    {
        var sums = new List<double>();
        long k = end;
        double pmf = _binomial.Pmf(k);
        double survival = 0;
        while (k > 0)
        {
            double survivalBelow = survival + pmf;
            sums.Add(survivalBelow);
            if (survivalBelow > 0.5)
            {
                break;
            }

            survival = survivalBelow;
            pmf *= _binomial.DownRatio(k);
            k--;
        }

        return [.. sums];
    }

    /// <summary>
    /// The walk from the mode towards one end: at step i (k = mode ∓ i) it stops when pmf &lt; Tiny, or when the ratio
    /// to the next pmf is below 1 and pmf · ratio / (1 − ratio) ≤ the threshold. Each step's condition holds from a
    /// threshold on (−∞ for a tiny pmf, +∞ when it cannot hold); the first step whose running minimum is at most the
    /// threshold is where the walk stops.
    /// </summary>
    private sealed class Walk
    {
        private readonly long[] _k;
        private readonly double[] _runningMinimum;
        private readonly long _exhausted;

        private Walk(long[] k, double[] runningMinimum, long exhausted)
        {
            _k = k;
            _runningMinimum = runningMinimum;
            _exhausted = exhausted;
        }

        public static Walk From(in BinomialDistribution binomial, bool downwards)
        {
            var ks = new List<long>();
            var minimum = new List<double>();
            long k = binomial.Mode;
            double pmf = binomial.Pmf(k);
            double lowest = double.PositiveInfinity;
            while (downwards ? k > 0 : k < binomial.N)
            {
                double ratio = downwards ? binomial.DownRatio(k) : binomial.UpRatio(k);
                double from = pmf < BinomialCount.Tiny ? double.NegativeInfinity : ratio < 1 ? pmf * ratio / (1 - ratio) : double.PositiveInfinity;
                lowest = Math.Min(lowest, from);
                ks.Add(k);
                minimum.Add(lowest);
                if (from == double.NegativeInfinity)
                {
                    break; // the walk stops here whatever the threshold
                }

                pmf *= ratio;
                k += downwards ? -1 : 1;
            }

            return new Walk([.. ks], [.. minimum], downwards ? 0 : binomial.N);
        }

        // The k where the walk stops for this threshold: the first step whose running minimum is at most it.
        public long Stop(double threshold)
        {
            int step = SortedSearch.FirstAtMost(_runningMinimum, threshold);
            return step < _k.Length ? _k[step] : _exhausted;
        }
    }
}
