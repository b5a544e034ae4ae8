using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Tests.Faults;

public sealed class BernoulliSamplerTests
{
    [Theory]
    [InlineData(0.001)]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void Has_the_same_binomial_counts_as_the_unit_sampler(double rate)
    {
        const long Units = 3000;
        var bernoulli = new List<int>();
        var fast = new List<int>();
        for (ulong stream = 1; stream <= 400; stream++)
        {
            var drawn = new List<long>();
            BernoulliSampler.Sample(Units, rate, stream, drawn);
            bernoulli.Add(drawn.Count);
            fast.Add((int)UnitSampler.Count(Units, rate, stream));
        }

        FaultStatistics.ShouldBeBinomial(bernoulli, Units, rate, $"Bernoulli at {rate}");
        FaultStatistics.ShouldBeBinomial(fast, Units, rate, $"UnitSampler at {rate}");
    }

    [Fact]
    public void Draws_one_uniform_per_unit_and_lists_units_in_ascending_order()
    {
        // O(units) by construction: unit i is faulty exactly when the i-th uniform of the stream is below the rate.
        var drawn = new List<long>();
        BernoulliSampler.Sample(1000, 0.2, 77, drawn);
        var random = new Xoshiro256StarStar(77);
        var expected = Enumerable.Range(0, 1000).Where(_ => random.NextDouble() < 0.2).Select(i => (long)i);
        drawn.ShouldBe(expected);
        drawn.ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public void Rates_0_and_1_and_invalid_arguments()
    {
        var drawn = new List<long>();
        BernoulliSampler.Sample(100, 0, 1, drawn);
        drawn.ShouldBeEmpty();
        BernoulliSampler.Sample(100, 1, 1, drawn);
        drawn.Count.ShouldBe(100);
        Should.Throw<ArgumentOutOfRangeException>(() => BernoulliSampler.Sample(-5, 0.1, 1, drawn)).ParamName.ShouldBe("units");
        Should.Throw<ArgumentOutOfRangeException>(() => BernoulliSampler.Sample(5, 2, 1, drawn)).ParamName.ShouldBe("rate");
    }
}
