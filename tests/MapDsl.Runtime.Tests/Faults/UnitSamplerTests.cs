using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Tests.Faults;

public sealed class UnitSamplerTests
{
    private static List<long> Draw(long units, double rate, ulong stream, PermutationStorage storage = PermutationStorage.Automatic)
    {
        var into = new List<long>();
        UnitSampler.Sample(units, rate, stream, into, storage);
        return into;
    }

    [Theory]
    [InlineData(1000L, 0.001)]
    [InlineData(1000L, 0.01)]
    [InlineData(1000L, 0.1)]
    [InlineData(1000L, 0.5)]
    [InlineData(50_000L, 0.001)]
    [InlineData(50_000L, 0.1)]
    [InlineData(7L, 0.5)]
    public void The_count_is_binomial_over_many_streams(long units, double rate)
    {
        var counts = new List<int>();
        for (ulong stream = 1; stream <= 400; stream++)
        {
            var units_ = Draw(units, rate, stream);
            units_.Count.ShouldBe((int)UnitSampler.Count(units, rate, stream));
            counts.Add(units_.Count);
        }

        FaultStatistics.ShouldBeBinomial(counts, units, rate, $"{units} units at {rate}");
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void Drawn_units_are_distinct_in_range_and_uniformly_spread(double rate)
    {
        const long Units = 2000;
        var bins = new long[40];
        for (ulong stream = 1; stream <= 400; stream++)
        {
            var drawn = Draw(Units, rate, stream);
            drawn.Distinct().Count().ShouldBe(drawn.Count);
            foreach (long unit in drawn)
            {
                unit.ShouldBeInRange(0, Units - 1);
                bins[unit * bins.Length / Units]++;
            }
        }

        FaultStatistics.ShouldBeUniform(bins, $"unit positions at {rate}");
    }

    [Fact]
    public void A_lower_rate_draws_a_prefix_of_a_higher_rates_units()
    {
        double[] rates = [0, 1e-4, 0.001, 0.01, 0.05, 0.1, 0.3, 0.5, 0.9, 1];
        for (ulong stream = 1; stream <= 30; stream++)
        {
            var all = Draw(10_000, 1, stream);
            all.Count.ShouldBe(10_000);
            foreach (double rate in rates)
            {
                var drawn = Draw(10_000, rate, stream);
                drawn.ShouldBe(all.Take(drawn.Count), $"stream {stream}, rate {rate}");
            }
        }
    }

    [Theory]
    [InlineData(1L, 0.5)]
    [InlineData(100L, 0.01)]
    [InlineData(100L, 0.99)]
    [InlineData(65_536L, 0.001)]
    [InlineData(65_536L, 0.2)]
    [InlineData(200_000L, 0.5)]
    public void Sparse_and_dense_storage_give_the_same_sequence(long units, double rate)
    {
        for (ulong stream = 1; stream <= 3; stream++)
        {
            var sparse = Draw(units, rate, stream, PermutationStorage.Sparse);
            Draw(units, rate, stream, PermutationStorage.Dense).ShouldBe(sparse);
            Draw(units, rate, stream).ShouldBe(sparse);
        }
    }

    [Fact]
    public void The_cost_follows_the_faults_not_the_units()
    {
        // A trillion units at 1e-9: about a thousand faults. Anything O(units) would not finish.
        var drawn = Draw(1_000_000_000_000, 1e-9, 3);
        drawn.Count.ShouldBeInRange(850, 1150);
        drawn.ShouldAllBe(unit => unit >= 0 && unit < 1_000_000_000_000);
        drawn.Distinct().Count().ShouldBe(drawn.Count);
    }

    [Fact]
    public void Appends_to_what_the_list_already_holds()
    {
        var into = new List<long> { -1 };
        UnitSampler.Sample(100, 0.5, 9, into);
        into[0].ShouldBe(-1);
        into.Skip(1).ShouldBe(Draw(100, 0.5, 9));
    }

    [Fact]
    public void Rates_0_and_1_draw_nothing_and_everything()
    {
        Draw(500, 0, 1).ShouldBeEmpty();
        Draw(500, 1, 1).Order().ShouldBe(Enumerable.Range(0, 500).Select(i => (long)i));
        Draw(0, 0.5, 1).ShouldBeEmpty();
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => UnitSampler.Sample(-1, 0.1, 1, [])).ParamName.ShouldBe("units");
        Should.Throw<ArgumentOutOfRangeException>(() => UnitSampler.Count(10, -0.1, 1)).Message.ShouldContain("[0, 1]");
        Should.Throw<ArgumentOutOfRangeException>(() => UnitSampler.Count(10, double.NaN, 1)).ParamName.ShouldBe("rate");
        Should.Throw<ArgumentNullException>(() => UnitSampler.Sample(10, 0.1, 1, null!));
    }
}
