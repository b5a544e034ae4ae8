using DifferentialMapping;

namespace MapDsl.Examples.Tests;

/// <summary>The experiment's command line: the defaults are the run the README and the issue describe, and bad values are refused.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void The_defaults_are_the_documented_run()
    {
        var experiment = DifferentialExperiment.For(DifferentialExperiment.LeNet);
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

    [Fact]
    public void Network_resnet_runs_resnet_8_with_its_own_defaults()
    {
        var quiet = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(TextWriter.Null) });
        DifferentialExperiment.Command(["--chips", "3", "--network", "resnet"], quiet).Description!.ShouldContain("ResNet-8");
        DifferentialExperiment.Command(["--chips", "3"], quiet).Description!.ShouldContain("LeNet-5");
        var experiment = DifferentialExperiment.For(DifferentialExperiment.ResNet);
        var settings = experiment.SettingsOf("--network", "resnet");
        settings.OutputFolder.ShouldBe(Path.Combine("results", "differential-mapping-resnet8"));
        settings.Weights.ShouldBe("models/resnet8.safetensors");
        settings.Chips.ShouldBe(20);
        settings.Grid.Rates.Count.ShouldBe(19);
        var campaigns = experiment.Campaigns(settings);
        campaigns.Select(c => c.Subfolder).ShouldBe(["", DifferentialExperiment.MixedSubfolder]);
        campaigns[0].Plan.Trials.Select(t => t.Configuration.Mapping).Distinct().ShouldBe(
            ["ResNetTwoColumn0", "ResNetDifferential0", "ResNetTwoColumn50", "ResNetDifferential50", "ResNetTwoColumn80", "ResNetDifferential80", "ResNetTwoColumn90", "ResNetDifferential90"],
            ignoreOrder: true);
        Should.Throw<ArgumentException>(() => DifferentialExperiment.For(DifferentialExperiment.LeNet).SettingsOf("--network", "resnet")).Message.ShouldContain("--network");
        Should.Throw<ArgumentException>(() => DifferentialExperiment.For(DifferentialExperiment.LeNet).SettingsOf("--network", "vgg")).Message.ShouldContain("vgg");
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
        var error = Should.Throw<Exception>(() => DifferentialExperiment.For(DifferentialExperiment.LeNet).SettingsOf(option, value));
        (error is FormatException or ArgumentException).ShouldBeTrue(error.GetType().Name);
        error.Message.ShouldContain(mentioned);
    }

    [Fact]
    public void The_program_exits_with_2_on_a_bad_option_value()
    {
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(TextWriter.Null) });
        DifferentialExperiment.For(DifferentialExperiment.LeNet).Command(console).Parse(["--chips", "-3"]).Invoke().ShouldBe(2);
    }
}
