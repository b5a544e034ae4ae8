using DifferentialMapping;

namespace MapDsl.Examples.Tests;

/// <summary>The experiment's command line: the defaults are the run the README and the issue describe, and bad values are refused.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void The_defaults_are_the_documented_run()
    {
        var experiment = new DifferentialExperiment();
        var settings = experiment.SettingsOf();
        settings.Chips.ShouldBe(20);
        var grid = settings.Grid;
        grid.Rates.Count.ShouldBe(19);
        grid.Rates[0].ShouldBe(1e-5);
        grid.Rates[^1].ShouldBe(0.3);
        experiment.MixedFaults(settings).ShouldNotBeNull().RatesAt(0.0904).StuckOff.ShouldBe(0.0175, 1e-12);
        settings.TestImages.ShouldBeNull();
        settings.Shard.ShouldBeNull();
        settings.Training.ShouldBe(new MapDsl.Experiments.TrainingSettings(Epochs: 2, LearningRate: 0.003f, Seed: 1, Images: null));
        settings.OutputFolder.ShouldBe(Path.Combine("results", "differential-mapping"));
        experiment.Campaigns(settings).Select(c => c.Subfolder).ShouldBe(["", DifferentialExperiment.MixedSubfolder]);
        experiment.Campaigns(experiment.SettingsOf("--mixed", "none")).ShouldHaveSingleItem();
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
        var error = Should.Throw<Exception>(() => new DifferentialExperiment().SettingsOf(option, value));
        (error is FormatException or ArgumentException).ShouldBeTrue(error.GetType().Name);
        error.Message.ShouldContain(mentioned);
    }

    [Fact]
    public void The_program_exits_with_2_on_a_bad_option_value()
    {
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(TextWriter.Null) });
        new DifferentialExperiment().Command(console).Parse(["--chips", "-3"]).Invoke().ShouldBe(2);
    }
}
