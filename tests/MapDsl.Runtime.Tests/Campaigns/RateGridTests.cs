using MapDsl.Runtime.Campaigns;

namespace MapDsl.Runtime.Tests.Campaigns;

public sealed class RateGridTests
{
    [Fact]
    public void The_default_grid_has_19_rates_from_0_001_percent_to_30_percent()
    {
        IReadOnlyList<double> rates = RateGrid.Default.Rates;

        rates.Count.ShouldBe(19);
        rates[0].ShouldBe(1e-5);
        rates[^2].ShouldBe(Math.Pow(10, -3 / 4.0), 1e-15);
        rates[^1].ShouldBe(0.3);
        rates.ShouldBe(rates.Order().Distinct().ToList());
        for (int k = -20; k <= -3; k++)
        {
            rates[k + 20].ShouldBe(Math.Pow(10, k / 4.0), 1e-12 * rates[k + 20]);
        }
    }

    [Fact]
    public void Decade_points_are_exactly_their_literals()
    {
        IReadOnlyList<double> rates = RateGrid.Default.Rates;

        rates.ShouldContain(1e-5);
        rates.ShouldContain(1e-4);
        rates.ShouldContain(1e-3);
        rates.ShouldContain(1e-2);
        rates.ShouldContain(1e-1);
        new RateGrid(1e-4, 1, 3).Rates.ShouldContain(1.0);
    }

    [Fact]
    public void Ends_that_are_not_grid_points_are_added_and_grid_point_ends_are_not_repeated()
    {
        new RateGrid(2e-4, 0.05, 1).Rates.ShouldBe([2e-4, 1e-3, 1e-2, 0.05]);
        new RateGrid(1e-3, 1e-1, 1).Rates.ShouldBe([1e-3, 1e-2, 1e-1]);
        new RateGrid(0.004, 0.004, 2).Rates.ShouldBe([0.004]);
    }

    [Theory]
    [InlineData(0, 0.1, 4, "from", "The lowest rate must be a fraction above 0")]
    [InlineData(-1e-3, 0.1, 4, "from", "above 0 and at most 1")]
    [InlineData(1e-3, 1.5, 4, "to", "The highest rate must be a fraction above 0 and at most 1, got 1.5")]
    [InlineData(0.1, 0.01, 4, "to", "The highest rate (0.01) is below the lowest rate (0.1)")]
    [InlineData(1e-3, 0.1, 0, "perDecade", "at least 1 point per decade, got 0")]
    public void Invalid_grids_are_rejected_with_the_reason(double from, double to, int perDecade, string parameter, string message)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => new RateGrid(from, to, perDecade));

        error.ParamName.ShouldBe(parameter);
        error.Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("0.25%", 0.0025)]
    [InlineData("0.0025", 0.0025)]
    [InlineData(" 2.5e-3 ", 0.0025)]
    [InlineData("0.001%", 1e-5)]
    [InlineData("30%", 0.3)]
    [InlineData("100 %", 1)]
    [InlineData("0", 0)]
    public void Rates_parse_as_fractions_or_percentages(string text, double expected)
    {
        RateText.Parse(text).ShouldBe(expected);
    }

    [Theory]
    [InlineData("abc", "'abc' is not a rate: expected a fraction such as 0.0025 or a percentage such as 0.25%.")]
    [InlineData("%", "'%' is not a rate")]
    [InlineData("0,25%", "'0,25%' is not a rate")]
    [InlineData("5", "a rate must be between 0 and 1 (0% and 100%) (for 5 percent write '5%').")]
    [InlineData("150%", "a rate must be between 0 and 1 (0% and 100%).")]
    [InlineData("-0.1", "a rate must be between 0 and 1")]
    public void Bad_rates_fail_with_a_clear_message(string text, string message)
    {
        Should.Throw<FormatException>(() => RateText.Parse(text)).Message.ShouldContain(message);
    }

    [Fact]
    public void Format_round_trips_every_grid_rate()
    {
        foreach (double rate in RateGrid.Default.Rates)
        {
            RateText.Parse(RateText.Format(rate)).ShouldBe(rate);
        }

        RateText.Format(1e-5).ShouldBe("1E-05");
        RateText.Format(0.3).ShouldBe("0.3");
    }

    [Theory]
    [InlineData(1e-5, "0.001%")]
    [InlineData(0.0031622776601683794, "0.316%")]
    [InlineData(0.3, "30%")]
    [InlineData(0.17782794100389229, "17.8%")]
    public void Percent_is_for_people(double rate, string expected)
    {
        RateText.Percent(rate).ShouldBe(expected);
    }
}
