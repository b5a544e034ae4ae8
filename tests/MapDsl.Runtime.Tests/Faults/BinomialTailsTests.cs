using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Tests.Faults;

/// <summary>
/// The cached tails answer exactly as the searches that define the count: fault maps must not change when the
/// sampler gets faster. Counts past the small-mean table, on u from the tails, the middle and the values that
/// straddle the CDF's steps.
/// </summary>
public sealed class BinomialTailsTests
{
    [Theory]
    [InlineData(16384L, 0.05)]
    [InlineData(16384L, 0.1)]
    [InlineData(16384L, 0.3)]
    [InlineData(16384L, 0.95)]
    [InlineData(2_097_152L, 0.001)]
    [InlineData(1_000_000L, 0.05)] // a standard deviation of 218, near the widest kept
    public void Every_count_equals_the_searchs(long n, double p)
    {
        var random = new Random(unchecked((int)(n * 31 + (long)(p * 1e6))));
        var us = Enumerable.Range(0, 3000).Select(_ => random.NextDouble())
            .Concat(Enumerable.Range(1, 300).Select(i => Math.Pow(10, -i / 10.0)))      // deep lower tail
            .Concat(Enumerable.Range(1, 300).Select(i => 1 - Math.Pow(10, -i / 20.0)))  // deep upper tail
            .Concat([0.5, Math.BitDecrement(0.5), Math.BitIncrement(0.5), double.Epsilon, Math.BitDecrement(1.0)]);
        foreach (var u in us)
        {
            BinomialCount.InverseCdf(n, p, u).ShouldBe(BinomialCount.Search(n, p, u), $"n {n}, p {p}, u {u:R}");
        }
    }

    [Fact]
    public void Us_on_either_side_of_a_step_of_the_cdf_give_the_searchs_two_answers()
    {
        const long n = 16384;
        const double p = 0.1;
        var random = new Random(5);
        for (int i = 0; i < 200; i++)
        {
            // Find u where the answer changes, then probe the neighbouring doubles.
            double low = random.NextDouble(), high = Math.Min(1, low + 1e-3);
            long atLow = BinomialCount.Search(n, p, low);
            if (BinomialCount.Search(n, p, high) == atLow)
            {
                continue;
            }

            for (int step = 0; step < 60; step++)
            {
                double middle = (low + high) / 2;
                (low, high) = BinomialCount.Search(n, p, middle) == atLow ? (middle, high) : (low, middle);
            }

            foreach (var u in new[] { Math.BitDecrement(low), low, high, Math.BitIncrement(high) })
            {
                BinomialCount.InverseCdf(n, p, u).ShouldBe(BinomialCount.Search(n, p, u), $"u {u:R}");
            }
        }
    }
}
