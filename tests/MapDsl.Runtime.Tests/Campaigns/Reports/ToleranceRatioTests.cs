using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Campaigns.Reports;

namespace MapDsl.Runtime.Tests.Campaigns.Reports;

/// <summary>Ratios of tolerable rates between two schemes, checked against log-interpolation done by hand.</summary>
public sealed class ToleranceRatioTests
{
    // Scheme "a" crosses its threshold at 10^(-4 + 0.5); "b" at 10^(-3 + 0.5) when pruned (ratio 10) and at
    // 10^(-4 + 0.9) unpruned (ratio 10^0.4 = 2.51).
    [Fact]
    public void Each_sparsity_with_both_schemes_gets_the_ratio_of_their_tolerable_rates()
    {
        var summary = CampaignSummary.From(
            CrossingRows.For("a", 0, 1e-4, 1e-3, 0.5)
                .Concat(CrossingRows.For("b", 0, 1e-4, 1e-3, 0.9))
                .Concat(CrossingRows.For("a", 0.8, 1e-4, 1e-3, 0.5))
                .Concat(CrossingRows.For("b", 0.8, 1e-3, 1e-2, 0.5))
                .Concat(CrossingRows.For("b", 0.5, 1e-3, 1e-2, 0.5)));

        var ratios = ToleranceRatio.BySparsity(summary, "b", "a");

        ratios.Select(r => r.Sparsity).ShouldBe([0, 0.8]); // 50% has no "a"
        ratios.ShouldAllBe(r => r.Bound == RatioBound.Exact);
        ratios[0].Value!.Value.ShouldBe(Math.Pow(10, 0.4), 1e-9);
        ratios[1].Value!.Value.ShouldBe(10, 1e-9);
        ratios[1].Describe().ShouldBe("10.0×");
        ToleranceRatio.BySparsity(summary, "a", "b")[1].Value!.Value.ShouldBe(0.1, 1e-12);
    }

    [Theory]
    [InlineData(ToleranceBound.AtLeastHighest, ToleranceBound.Interpolated, RatioBound.AtLeast)]
    [InlineData(ToleranceBound.Interpolated, ToleranceBound.BelowGrid, RatioBound.AtLeast)]
    [InlineData(ToleranceBound.BelowGrid, ToleranceBound.Interpolated, RatioBound.AtMost)]
    [InlineData(ToleranceBound.Interpolated, ToleranceBound.AtLeastHighest, RatioBound.AtMost)]
    [InlineData(ToleranceBound.AtLeastHighest, ToleranceBound.BelowGrid, RatioBound.AtLeast)]
    [InlineData(ToleranceBound.AtLeastHighest, ToleranceBound.AtLeastHighest, RatioBound.Unknown)]
    [InlineData(ToleranceBound.BelowGrid, ToleranceBound.BelowGrid, RatioBound.Unknown)]
    [InlineData(ToleranceBound.Interpolated, ToleranceBound.Interpolated, RatioBound.Exact)]
    public void A_rate_beyond_the_grid_bounds_the_ratio_in_the_direction_it_moves_it(ToleranceBound numerator, ToleranceBound denominator, RatioBound expected)
    {
        var ratio = ToleranceRatio.Between(0.5, Rate(numerator, 0.02), Rate(denominator, 0.001));

        ratio.Bound.ShouldBe(expected);
        if (expected == RatioBound.Unknown)
        {
            ratio.Value.ShouldBeNull();
            ratio.Describe().ShouldBe("unknown");
        }
        else
        {
            ratio.Value.ShouldNotBeNull().ShouldBeGreaterThan(0);
            ratio.Describe().ShouldStartWith(expected switch { RatioBound.AtLeast => "≥ ", RatioBound.AtMost => "≤ ", _ => string.Empty });
        }
    }

    [Theory]
    [InlineData(36.875, "36.88×")]
    [InlineData(2.5, "2.5×")]
    [InlineData(2832.4, "2832×")]
    public void Factors_read_with_two_decimals_below_100_and_none_above(double value, string text) => ToleranceRatio.Times(value).ShouldBe(text);

    // Grid 1e-5..0.3; an interpolated rate is the one given, a bounded one its end of the grid.
    private static TolerableRate Rate(ToleranceBound bound, double rate) => bound switch
    {
        ToleranceBound.BelowGrid => new TolerableRate(bound, null, null, 1e-5, 1e-5, 0.3),
        ToleranceBound.AtLeastHighest => new TolerableRate(bound, 0.3, 0.3, null, 1e-5, 0.3),
        _ => new TolerableRate(bound, rate, rate / 2, rate * 2, 1e-5, 0.3),
    };
}
