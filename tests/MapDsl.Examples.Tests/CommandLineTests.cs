using DifferentialMapping;
using MapDsl.Runtime.Campaigns;

namespace MapDsl.Examples.Tests;

/// <summary>The experiment's command line: the defaults are the run the README and the issue describe, and bad values are refused.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void The_defaults_are_the_documented_run()
    {
        var settings = CommandLine.SettingsOf([]);
        settings.Chips.ShouldBe(20);
        var grid = new RateGrid(settings.LowestRate, settings.HighestRate, settings.PointsPerDecade);
        grid.Rates.Count.ShouldBe(19);
        grid.Rates[0].ShouldBe(1e-5);
        grid.Rates[^1].ShouldBe(0.3);
        settings.MixedFaults.ShouldNotBeNull().RatesAt(0.0904).StuckOff.ShouldBe(0.0175, 1e-12);
        settings.TestImages.ShouldBeNull();
        settings.Shard.ShouldBeNull();
        settings.FineTuneEpochs.ShouldBe(2);
    }

    [Theory]
    [InlineData("--chips", "0", "--chips")]
    [InlineData("--rates", "1%", "LOW..HIGH")]
    [InlineData("--rates", "1%..abc", "abc")]
    [InlineData("--rates", "10%..1%", "")]
    [InlineData("--shard", "3/2", "")]
    [InlineData("--mixed", "1:0:2", "")]
    [InlineData("--lr", "0", "--lr")]
    public void Bad_values_are_refused_with_a_message(string option, string value, string mentioned)
    {
        var error = Should.Throw<Exception>(() => CommandLine.SettingsOf([option, value]));
        (error is FormatException or ArgumentException).ShouldBeTrue(error.GetType().Name);
        error.Message.ShouldContain(mentioned);
    }

    [Fact]
    public void The_program_exits_with_2_on_a_bad_option_value()
    {
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(TextWriter.Null) });
        CommandLine.Build(console).Parse(["--chips", "-3"]).Invoke().ShouldBe(2);
    }
}
