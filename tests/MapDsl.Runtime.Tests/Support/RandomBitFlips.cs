using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Tests.Support;

/// <summary>
/// The bit error model of Stutz et al. written out plainly: every bit of every stored code flips independently with
/// probability <c>rate</c>. Deliberately O(bits) and separate from the runtime's sampler, so it is an independent reference.
/// </summary>
internal static class RandomBitFlips
{
    public static List<BitFlipAt> Sample(Random random, int weights, int bits, double rate)
    {
        var flips = new List<BitFlipAt>();
        for (int weight = 0; weight < weights; weight++)
        {
            for (int bit = 0; bit < bits; bit++)
            {
                if (random.NextDouble() < rate)
                {
                    flips.Add(new BitFlipAt(weight, bit));
                }
            }
        }

        return flips;
    }
}
