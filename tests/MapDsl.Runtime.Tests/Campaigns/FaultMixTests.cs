using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Tests.Campaigns;

public sealed class FaultMixTests
{
    [Fact]
    public void None_is_stuck_on_only()
    {
        FaultMix mix = FaultMix.Parse("none");

        mix.Kind.ShouldBe(FaultMixKind.StuckOnOnly);
        mix.RatesAt(0.01).ShouldBe(new FaultRates(0.01, 0, 0, 0));
        mix.Describe().ShouldBe("stuck-on only");
        mix.ToString().ShouldBe("none");
    }

    [Theory]
    [InlineData("0.1%")]
    [InlineData("0.001")]
    public void A_rate_is_a_fixed_stuck_off_rate(string text)
    {
        FaultMix mix = FaultMix.Parse(text);

        mix.Kind.ShouldBe(FaultMixKind.FixedStuckOff);
        mix.StuckOffAt(1e-5).ShouldBe(0.001);
        mix.StuckOffAt(0.2).ShouldBe(0.001);
        mix.Describe().ShouldBe("stuck-on plus a fixed stuck-off rate of 0.1%");
        FaultMix.Parse(mix.ToString()).StuckOffAt(0.5).ShouldBe(0.001);
    }

    [Fact]
    public void A_ratio_makes_stuck_off_proportional_to_stuck_on()
    {
        FaultMix ratio = FaultMix.Parse("ratio:0.1936");
        FaultMix measured = FaultMix.Parse("9.04:1.75");
        FaultMix percents = FaultMix.Parse("9.04% : 1.75%");

        ratio.Kind.ShouldBe(FaultMixKind.ProportionalStuckOff);
        ratio.StuckOffAt(0.01).ShouldBe(0.001936, 1e-15);
        measured.Value.ShouldBe(1.75 / 9.04);
        percents.Value.ShouldBe(1.75 / 9.04);
        measured.RatesAt(0.1).ShouldBe(new FaultRates(0.1, 0.1 * (1.75 / 9.04), 0, 0));
        ratio.Describe().ShouldBe("stuck-on plus stuck-off = 0.1936 × stuck-on");
        FaultMix.Parse(measured.ToString()).Value.ShouldBe(measured.Value);
    }

    [Theory]
    [InlineData("lots", "'lots' is not a fault mix: expected 'none', a fixed stuck-off rate such as '0.1%'")]
    [InlineData("ratio:x", "the ratio 'x' must be a number at least 0")]
    [InlineData("ratio:-1", "the ratio '-1' must be a number at least 0")]
    [InlineData("9.04:y", "the stuck-off side 'y' is not a number at least 0")]
    [InlineData("0:1.75", "the stuck-on side of '<stuck-on>:<stuck-off>' must be above 0")]
    [InlineData("150%", "a rate must be between 0 and 1")]
    public void Bad_mixes_fail_with_a_clear_message(string text, string message)
    {
        Should.Throw<FormatException>(() => FaultMix.Parse(text)).Message.ShouldContain(message);
    }

    [Fact]
    public void A_mix_that_exceeds_1_at_some_grid_rate_names_the_rate()
    {
        var error = Should.Throw<ArgumentException>(() => FaultMix.ProportionalStuckOff(3).Check(RateGrid.Default.Rates));

        error.Message.ShouldContain("is impossible at stuck-on rate 30%: with stuck-off rate 90% a cell would be stuck with probability 120%");
        Should.NotThrow(() => FaultMix.ProportionalStuckOff(1.75 / 9.04).Check(RateGrid.Default.Rates));
        Should.Throw<ArgumentException>(() => FaultMix.FixedStuckOff(0.8).Check(RateGrid.Default.Rates))
            .Message.ShouldContain("at stuck-on rate 30%");
    }
}
