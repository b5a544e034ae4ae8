using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.FaultAware;

/// <summary>
/// The PE fault rates of a population of chips: each drawn log-uniformly between a lowest and a highest rate, from
/// a seeded SplitMix64 stream and the runtime's own logarithm and exponential, so the same seed gives the same rates,
/// to the bit, on any machine.
/// </summary>
public static class ChipPopulation
{
    /// <summary>The rates of <paramref name="count"/> chips, in chip order.</summary>
    /// <param name="count">Chips.</param>
    /// <param name="lowest">The lowest rate, above 0.</param>
    /// <param name="highest">The highest rate, at most 1.</param>
    /// <param name="seed">The population's seed.</param>
    /// <returns>The rates, each in [lowest, highest].</returns>
    public static IReadOnlyList<double> LogUniformRates(int count, double lowest, double highest, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!(lowest > 0 && lowest <= highest && highest <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lowest), $"The rates must satisfy 0 < lowest <= highest <= 1, got {lowest} and {highest}.");
        }

        double logLow = DeterministicMath.Log(lowest), logHigh = DeterministicMath.Log(highest);
        ulong state = seed;
        var rates = new double[count];
        for (int i = 0; i < count; i++)
        {
            double u = (SplitMix64.Next(ref state) >> 11) * (1.0 / (1UL << 53)); // [0, 1)
            rates[i] = Math.Clamp(DeterministicMath.Exp(logLow + (u * (logHigh - logLow))), lowest, highest);
        }

        return rates;
    }
}
