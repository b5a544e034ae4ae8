using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace MapDsl.Experiments.Tests;

/// <summary>
/// The command line and the files do not depend on the culture the program runs in: under de-DE (decimal comma, '.'
/// groups thousands) or tr-TR (dotless i), "--rates 0.1%..10% --lr 0.01" means what it means in the invariant culture,
/// and a run writes the same bytes.
/// </summary>
public sealed class CultureTests : IDisposable
{
    private static readonly string[] Options = ["--chips", "2", "--rates", "0.1%..10%", "--per-decade", "2", "--lr", "0.01", "--twice"];

    private readonly string _root = Directory.CreateTempSubdirectory("mapdsl-culture-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public void Options_and_files_are_those_of_the_invariant_culture(string culture)
    {
        CultureInfo.GetCultureInfo("de-DE").NumberFormat.NumberDecimalSeparator.ShouldBe(","); // ICU is there, or this proves nothing
        var (invariantSettings, invariantFiles) = InCulture(CultureInfo.InvariantCulture, () => RunIn("invariant"));

        var (settings, files) = InCulture(CultureInfo.GetCultureInfo(culture), () => RunIn(culture));

        settings.Grid.Rates.ShouldBe(invariantSettings.Grid.Rates);
        settings.Training.ShouldBe(invariantSettings.Training);
        settings.Chips.ShouldBe(invariantSettings.Chips);
        files.Keys.ShouldBe(invariantFiles.Keys, ignoreOrder: true);
        foreach (var (name, text) in invariantFiles)
        {
            files[name].ShouldBe(text, name);
        }
    }

    [Fact]
    public void A_decimal_comma_is_refused_in_every_culture_rather_than_read_as_a_thousands_separator()
    {
        var error = InCulture(CultureInfo.GetCultureInfo("de-DE"), () => Should.Throw<ArgumentException>(() => new MadeUpExperiment().SettingsOf("--lr", "0,01")));

        error.Message.ShouldContain("--lr must be a number written with a decimal point, e.g. 0.01, got '0,01'.");
        InCulture(CultureInfo.GetCultureInfo("de-DE"), () => new MadeUpExperiment().SettingsOf("--lr", "1e-3")).Training.LearningRate.ShouldBe(0.001f);
        new MadeUpExperiment().SettingsOf().Training.LearningRate.ShouldBe(0.003f); // the default is kept
    }

    [Fact]
    public void An_option_without_a_default_reads_invariantly_and_stays_null_when_not_given()
    {
        // As examples/Train's --lr, whose default depends on the network.
        var learningRate = new Option<float?>("--lr").ReadInvariantly();
        var command = new RootCommand { learningRate };

        InCulture(CultureInfo.GetCultureInfo("de-DE"), () => command.Parse(["--lr", "0.5"]).GetValue(learningRate)).ShouldBe(0.5f);
        InCulture(CultureInfo.GetCultureInfo("tr-TR"), () => command.Parse(["--lr", "1e-2"]).GetValue(learningRate)).ShouldBe(0.01f);
        command.Parse([]).GetValue(learningRate).ShouldBeNull();
        InCulture(CultureInfo.GetCultureInfo("de-DE"), () => command.Parse(["--lr", "0,5"]).Errors.Select(e => e.Message))
            .ShouldBe(["--lr must be a number written with a decimal point, e.g. 0.01, got '0,5'."]);
    }

    private (ExperimentSettings Settings, Dictionary<string, string> Files) RunIn(string name)
    {
        var folder = Path.Combine(_root, name);
        var experiment = new MadeUpExperiment();
        var settings = experiment.SettingsOf([.. Options, "--out", folder]);
        experiment.Command(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) })).Parse([.. Options, "--out", folder]).Invoke().ShouldBe(0);
        var files = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(path => !Path.GetFileName(path).StartsWith(".mapdsl", StringComparison.Ordinal))
            .ToDictionary(path => Path.GetRelativePath(folder, path), File.ReadAllText);
        return (settings, files);
    }

    private static T InCulture<T>(CultureInfo culture, Func<T> action)
    {
        CultureInfo before = CultureInfo.CurrentCulture, beforeUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }
}
