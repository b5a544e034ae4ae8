namespace MapDsl.Runtime.Faults;

/// <summary>
/// Which of n units fail when each fails independently at the same rate, in O(faults) time: the count k is drawn from
/// Binomial(n, rate) by inverting its CDF at one uniform, then the faulty units are the first k entries of a seeded
/// random permutation. A uniformly random subset of binomially distributed size has exactly the distribution of n
/// independent Bernoulli trials, and because the uniform and the permutation depend only on the stream, the faults
/// at a lower rate are a prefix, hence a subset, of those at a higher rate.
/// </summary>
public static class UnitSampler
{
    /// <summary>
    /// Above 2^20 units, <see cref="PermutationStorage.Automatic"/> switches to the dense array once at least one unit
    /// in this many is drawn (below, it always shuffles in a per-thread identity array). Measured at a million units,
    /// filling an int per unit beats hashing every draw from about 1 in 100; at 1 in 32 the array is clearly faster
    /// and needs at most about 4x the memory of the dictionary.
    /// </summary>
    public const long DenseFraction = 32;

    // 2^-53, the spacing of the uniform's grid.
    private const double UnitScale = 1.0 / (1UL << 53);

    /// <summary>The number of faulty units, k, without drawing which ones. Equals the number <see cref="Sample(long, double, ulong, List{long})"/> appends.</summary>
    /// <param name="units">Number of units, n.</param>
    /// <param name="rate">Independent per-unit fault probability, in [0, 1].</param>
    /// <param name="stream">Stream seed, from <see cref="FaultStreams.Derive"/>.</param>
    /// <returns>k, in [0, n].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="rate"/> is out of range.</exception>
    public static long Count(long units, double rate, ulong stream)
    {
        Validate(units, rate);
        var random = new Xoshiro256StarStar(stream);
        return DrawCount(ref random, units, rate);
    }

    /// <summary>
    /// Appends the faulty units (numbers in [0, <paramref name="units"/>)) to <paramref name="into"/> in permutation
    /// order, not sorted. Time O(k), memory O(k) (or O(n) when k is a large fraction of n).
    /// </summary>
    /// <param name="units">Number of units, n.</param>
    /// <param name="rate">Independent per-unit fault probability, in [0, 1].</param>
    /// <param name="stream">Stream seed, from <see cref="FaultStreams.Derive"/>.</param>
    /// <param name="into">List the faulty units are appended to.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="rate"/> is out of range.</exception>
    public static void Sample(long units, double rate, ulong stream, List<long> into) =>
        Sample(units, rate, stream, into, PermutationStorage.Automatic);

    /// <summary>
    /// <see cref="Sample(long, double, ulong, List{long})"/> with a chosen permutation storage; the result is the same
    /// for every storage, only time and memory differ.
    /// </summary>
    /// <param name="units">Number of units, n.</param>
    /// <param name="rate">Independent per-unit fault probability, in [0, 1].</param>
    /// <param name="stream">Stream seed, from <see cref="FaultStreams.Derive"/>.</param>
    /// <param name="into">List the faulty units are appended to.</param>
    /// <param name="storage">How the partial shuffle is stored.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="rate"/> is out of range.</exception>
    public static void Sample(long units, double rate, ulong stream, List<long> into, PermutationStorage storage)
    {
        ArgumentNullException.ThrowIfNull(into);
        Validate(units, rate);
        var random = new Xoshiro256StarStar(stream);
        long count = DrawCount(ref random, units, rate);
        PermutationPrefix.Append(ref random, units, count, storage, into);
    }

    // The first draw of the stream is the count's uniform; the permutation uses the draws after it.
    internal static long DrawCount(ref Xoshiro256StarStar random, long units, double rate)
    {
        // The centre of one of 2^53 equal cells of [0, 1): never exactly 0 or 1, where the inverse CDF degenerates
        // (u = 0 would mean no faults even at a rate close to 1).
        double u = ((random.NextUInt64() >> 11) + 0.5) * UnitScale;
        return BinomialCount.InverseCdf(units, rate, u);
    }

    private static void Validate(long units, double rate)
    {
        if (units < 0 || units > BinomialCount.MaxTrials)
        {
            throw new ArgumentOutOfRangeException(nameof(units), units, $"The number of units must be in [0, 2^53], got {units}.");
        }

        if (!(rate >= 0 && rate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"A fault rate must be a probability in [0, 1], got {rate}.");
        }
    }
}
