using MapDsl.Runtime.FaultAware;

namespace MapDsl.Runtime.Tests.FaultAware;

/// <summary>E*(r) from a hand-made grid of accuracies, by the mean and by the worst map.</summary>
public sealed class ResilienceMapTests
{
    // Fault-free 0.90, drop 0.01: a cell passes at 0.89. Two maps per rate.
    //   rate 1%: passes with no retraining on both maps.
    //   rate 5%: mean passes after 0.5 epochs (0.895, 0.885), worst only after 1 epoch.
    //   rate 20%: never within the drop.
    private static readonly ResiliencePoint[] Grid =
    [
        new(0.01, 0, 0, 0.90), new(0.01, 0, 1, 0.895), new(0.01, 0.5, 0, 0.90), new(0.01, 0.5, 1, 0.90), new(0.01, 1, 0, 0.90), new(0.01, 1, 1, 0.90),
        new(0.05, 0, 0, 0.80), new(0.05, 0, 1, 0.70), new(0.05, 0.5, 0, 0.895), new(0.05, 0.5, 1, 0.885), new(0.05, 1, 0, 0.90), new(0.05, 1, 1, 0.891),
        new(0.20, 0, 0, 0.30), new(0.20, 0, 1, 0.20), new(0.20, 0.5, 0, 0.60), new(0.20, 0.5, 1, 0.50), new(0.20, 1, 0, 0.85), new(0.20, 1, 1, 0.80),
    ];

    [Fact]
    public void The_least_retraining_within_the_drop_per_rate_by_mean_and_by_worst_map()
    {
        var map = ResilienceMap.From(Grid, faultFreeAccuracy: 0.90, allowedDrop: 0.01);

        map.Rates.ShouldBe([0.01, 0.05, 0.20]);
        map.Epochs.ShouldBe([0, 0.5, 1]);
        Enumerable.Range(0, 3).Select(i => map.EpochsNeededAt(i, ResilienceBasis.Mean)).ShouldBe([0, 0.5, null]);
        Enumerable.Range(0, 3).Select(i => map.EpochsNeededAt(i, ResilienceBasis.Worst)).ShouldBe([0, 1, null]);
        map.Csv().ShouldBe("rate,epochs_needed_mean,epochs_needed_worst\n0.01,0,0\n0.05,0.5,1\n0.2,,\n");
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.01, 0.0)]
    [InlineData(0.0101, 1.0)]
    [InlineData(0.05, 1.0)]
    public void A_chip_rate_rounds_up_to_the_next_grid_rate(double rate, double expected) =>
        ResilienceMap.From(Grid, 0.90, 0.01).EpochsNeeded(rate, ResilienceBasis.Worst).ShouldBe(expected);

    [Theory]
    [InlineData(0.06)]
    [InlineData(0.5)]
    public void Rates_that_no_retraining_serves_or_beyond_the_grid_are_unusable(double rate) =>
        ResilienceMap.From(Grid, 0.90, 0.01).EpochsNeeded(rate, ResilienceBasis.Mean).ShouldBeNull();

    [Fact]
    public void An_incomplete_grid_is_refused_with_the_missing_cell()
    {
        var error = Should.Throw<ArgumentException>(() => ResilienceMap.From(Grid.Where(p => !(p.Rate == 0.05 && p.Epochs == 0.5 && p.Map == 1)), 0.90, 0.01));

        error.Message.ShouldContain("rate 0.05 after 0.5 epochs has maps [0]");
    }
}
