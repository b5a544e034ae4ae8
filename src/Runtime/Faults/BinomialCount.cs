namespace MapDsl.Runtime.Faults;

/// <summary>
/// How many of n independent units fail at rate p, drawn by inverting the binomial CDF at one uniform u. Inversion
/// (rather than a rejection sampler) is what makes fault sets nested: for a fixed u the count can only grow with p,
/// because the CDF at every k falls as p rises. Costs O(k + sqrt(n p q)) pmf steps and no platform math.
/// </summary>
public static class BinomialCount
{
    /// <summary>The largest n for which every count is an exact double.</summary>
    public const long MaxTrials = 1L << 53;

    // Probability mass left out of a search is at most this fraction of the tail probability being matched, far below
    // the rounding error of the sums themselves.
    internal const double Negligible = 1.0 / (1L << 56);

    // A search never walks into pmf values this small; they cannot matter for any u >= 1e-280.
    internal const double Tiny = 1e-290;

    /// <summary>
    /// The smallest k with P(X &lt;= k) &gt;= <paramref name="u"/> for X ~ Binomial(<paramref name="n"/>, <paramref name="p"/>).
    /// Below u = 1/2 the CDF is summed upwards from the negligible lower tail; above, the survival function 1 - CDF is
    /// summed downwards from the negligible upper tail and compared with 1 - u (exact there), so both tails keep their
    /// relative accuracy. Edge cases follow the definition: u = 0 gives 0, u = 1 gives n, p = 0 gives 0, p = 1 gives n
    /// (for u &gt; 0).
    /// </summary>
    /// <param name="n">Number of units, 0 to <see cref="MaxTrials"/>.</param>
    /// <param name="p">Per-unit probability, in [0, 1].</param>
    /// <param name="u">Uniform variate, in [0, 1].</param>
    /// <returns>The count, in [0, n].</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range or NaN.</exception>
    public static long InverseCdf(long n, double p, double u)
    {
        if (n < 0 || n > MaxTrials)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"The number of units must be in [0, 2^53], got {n}.");
        }

        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"The probability must be in [0, 1], got {p}.");
        }

        if (!(u >= 0 && u <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(u), u, $"The uniform variate must be in [0, 1], got {u}.");
        }

        if (n == 0 || p == 0 || u == 0)
        {
            return 0;
        }

        if (p == 1 || u == 1)
        {
            return n;
        }

        if (SmallMeanTable.For(n, p) is { } table)
        {
            return table.Lookup(u);
        }

        // The searches below define the answer; BinomialTails replays them with what does not depend on u kept.
        return BinomialTails.For(n, p) is { } tails
            ? u <= 0.5 ? tails.Lower(u) : tails.Upper(1 - u)
            : Search(n, p, u);
    }

    /// <summary>The answer of <see cref="InverseCdf"/> by the searches themselves, for inputs past the small-mean table (tests compare).</summary>
    internal static long Search(long n, double p, double u)
    {
        var binomial = new BinomialDistribution(n, p);
        return u <= 0.5 ? SearchFromLowerTail(binomial, u) : SearchFromUpperTail(binomial, 1 - u);
    }

    private static long SearchFromLowerTail(in BinomialDistribution binomial, double u)
    {
        // Walk down from the mode until everything below is negligible next to u. Below the mode the ratio to the
        // next lower pmf shrinks with every step, so the rest is bounded by a geometric series.
        long start = binomial.Mode;
        double pmf = binomial.Pmf(start);
        while (start > 0)
        {
            double down = binomial.DownRatio(start);
            if (pmf < Tiny || (down < 1 && pmf * down / (1 - down) <= u * Negligible))
            {
                break;
            }

            pmf *= down;
            start--;
        }

        // Sum upwards from there; the first pmf is recomputed directly so the walk down adds no rounding error.
        long k = start;
        pmf = binomial.Pmf(k);
        double cdf = pmf;
        while (cdf < u && k < binomial.N)
        {
            pmf *= binomial.UpRatio(k);
            k++;
            cdf += pmf;
        }

        return k;
    }

    private static long SearchFromUpperTail(in BinomialDistribution binomial, double tail)
    {
        // Mirror image: find where everything above is negligible next to the upper-tail probability 1 - u.
        long end = binomial.Mode;
        double pmf = binomial.Pmf(end);
        while (end < binomial.N)
        {
            double up = binomial.UpRatio(end);
            if (pmf < Tiny || (up < 1 && pmf * up / (1 - up) <= tail * Negligible))
            {
                break;
            }

            pmf *= up;
            end++;
        }

        // survival = P(X > k), about 0 at the top. The answer is the smallest k with P(X > k) <= 1 - u, so keep
        // stepping down while P(X > k - 1) = survival + pmf(k) still fits.
        long k = end;
        pmf = binomial.Pmf(k);
        double survival = 0;
        while (k > 0)
        {
            double survivalBelow = survival + pmf;
            if (survivalBelow > tail)
            {
                break;
            }

            survival = survivalBelow;
            pmf *= binomial.DownRatio(k);
            k--;
        }

        return k;
    }
}
