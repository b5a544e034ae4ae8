using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Tests.Faults;

public sealed class FaultRatesTests
{
    [Fact]
    public void Valid_rates_are_kept_and_compare_by_value()
    {
        var rates = new FaultRates(0.01, 0.02, 0.001, 0);
        rates.StuckOn.ShouldBe(0.01);
        rates.StuckOff.ShouldBe(0.02);
        rates.BitFlip.ShouldBe(0.001);
        rates.Pe.ShouldBe(0);
        rates.ShouldBe(new FaultRates(0.01, 0.02, 0.001, 0));
        FaultRates.None.ShouldBe(new FaultRates(0, 0, 0, 0));
        new FaultRates(1, 0, 1, 1).StuckOn.ShouldBe(1);
        new FaultRates(0.7, 0.3, 0, 0).StuckOff.ShouldBe(0.3);
    }

    [Theory]
    [InlineData(-0.1, 0, 0, 0, "StuckOn")]
    [InlineData(0, 1.5, 0, 0, "StuckOff")]
    [InlineData(0, 0, double.NaN, 0, "BitFlip")]
    [InlineData(0, 0, 0, double.PositiveInfinity, "Pe")]
    [InlineData(0, 0, 0, 5, "Pe")]
    public void Each_rate_must_be_a_probability(double stuckOn, double stuckOff, double bitFlip, double pe, string name)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => new FaultRates(stuckOn, stuckOff, bitFlip, pe));
        error.ParamName.ShouldBe(name);
        error.Message.ShouldContain($"The {name} fault rate must be a probability in [0, 1] (a fraction, not a percentage)");
    }

    [Theory]
    [InlineData(0.6, 0.5)]
    [InlineData(1, 0.01)]
    public void Stuck_on_and_stuck_off_cannot_add_up_to_more_than_1(double stuckOn, double stuckOff)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => new FaultRates(stuckOn, stuckOff, 0, 0));
        error.ParamName.ShouldBe("StuckOff");
        error.Message.ShouldContain("StuckOn + StuckOff must be at most 1, because a cell cannot be stuck both ways");
    }

    [Fact]
    public void With_changes_one_rate_and_checks_it()
    {
        var rates = new FaultRates(0.01, 0.002, 0, 0);
        (rates with { BitFlip = 0.05 }).ShouldBe(new FaultRates(0.01, 0.002, 0.05, 0));
        rates.With(FaultKind.Pe, 0.3).ShouldBe(new FaultRates(0.01, 0.002, 0, 0.3));
        rates.Of(FaultKind.StuckOff).ShouldBe(0.002);
        var error = Should.Throw<ArgumentOutOfRangeException>(() => rates with { StuckOn = 2 });
        error.ParamName.ShouldBe("StuckOn");
    }

    [Fact]
    public void A_stuck_pair_made_with_with_is_checked_when_sampled()
    {
        // with sets one rate at a time, so the sum is checked when a map is sampled from it.
        var rates = new FaultRates(0.6, 0, 0, 0) with { StuckOff = 0.6 };
        var error = Should.Throw<ArgumentOutOfRangeException>(() => FaultMapSampler.Sample(TestShapes.Crossbar, rates, 1));
        error.Message.ShouldContain("StuckOn + StuckOff must be at most 1");
    }
}
