namespace MapDsl.Runtime.Faults;

/// <summary>
/// The textbook way to draw independent faults: one uniform per unit, faulty when it is below the rate. Same
/// distribution as <see cref="UnitSampler"/> but different sets for the same stream, O(n) time whatever the rate, and
/// not nested. Kept as the baseline that benchmarks and statistical cross-checks compare against.
/// </summary>
public static class BernoulliSampler
{
    /// <summary>Appends the faulty units to <paramref name="into"/> in ascending order. Time O(n).</summary>
    /// <param name="units">Number of units, n.</param>
    /// <param name="rate">Independent per-unit fault probability, in [0, 1].</param>
    /// <param name="stream">Stream seed, from <see cref="FaultStreams.Derive"/>.</param>
    /// <param name="into">List the faulty units are appended to.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> or <paramref name="rate"/> is out of range.</exception>
    public static void Sample(long units, double rate, ulong stream, List<long> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (units < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(units), units, $"The number of units must not be negative, got {units}.");
        }

        if (!(rate >= 0 && rate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"A fault rate must be a probability in [0, 1], got {rate}.");
        }

        var random = new Xoshiro256StarStar(stream);
        for (long unit = 0; unit < units; unit++)
        {
            // NextDouble < 1 always, so rate 1 marks every unit; it is >= 0, so rate 0 marks none.
            if (random.NextDouble() < rate)
            {
                into.Add(unit);
            }
        }
    }
}
