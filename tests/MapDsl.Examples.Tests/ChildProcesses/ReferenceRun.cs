using DifferentialMapping;
using Spectre.Console;
using MapDsl.Examples.Tests.Support;

namespace MapDsl.Examples.Tests.ChildProcesses;

/// <summary>
/// The tests that run examples/DifferentialMapping as child processes. One collection, so they run one after the
/// other (each child uses both cores) and share one uninterrupted reference run.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChildProcessCollection : ICollectionFixture<ReferenceRun>
{
    public const string Name = "DifferentialMapping in child processes";
}

/// <summary>
/// An uninterrupted, unsplit reduced run in this process (invariant culture, 2 workers), against which the child
/// processes' runs are compared: every campaign's trials.csv as sorted rows, and its summary, curves and plot byte for
/// byte.
/// </summary>
public sealed class ReferenceRun : IDisposable
{
    /// <summary>
    /// The reduced campaign of tools/slurm/test-local.sh with 3 chips and 2 rates per decade: 128 trials per campaign,
    /// 256 in all, long enough that kills land in the middle of the campaigns.
    /// </summary>
    public static readonly string[] Options =
        ["--chips", "3", "--per-decade", "2", "--rates", "0.1%..10%", "--test-images", "200", "--train-images", "500", "--epochs", "1", "--lr", "0.01", "--seed", "1"];

    /// <summary>The folders of the two campaigns, relative to --out.</summary>
    public static readonly string[] Campaigns = ["", DifferentialExperiment.MixedSubfolder];

    /// <summary>What a campaign writes from its trials, compared byte for byte.</summary>
    public static readonly string[] Derived = ["summary.csv", "curves.csv", "accuracy-vs-rate.svg"];

    private readonly TempFolder _folder = new("reference");

    public ReferenceRun()
    {
        var experiment = DifferentialExperiment.For(DifferentialExperiment.LeNet);
        var quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });
        experiment.Run(experiment.SettingsOf([.. Options, "--out", Folder, "--workers", "2"]), quiet, CancellationToken.None).Summaries.ShouldNotBeNull();
    }

    public string Folder => _folder.Path;

    /// <summary>Bytes of both campaigns' trials.csv in <paramref name="folder"/> (0 for a missing file), read without opening them.</summary>
    public static long TrialBytes(string folder) =>
        Campaigns.Sum(campaign => new FileInfo(Path.Combine(folder, campaign, "trials.csv")) is { Exists: true } file ? file.Length : 0);

    /// <summary>A trials file's header, then its rows in ordinal order (row order depends on timing, the set must not).</summary>
    public static string[] SortedTrials(string path)
    {
        string[] lines = File.ReadAllLines(path);
        return [lines[0], .. lines.Skip(1).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Asserts that <paramref name="folder"/> holds this run's results: every planned trial exactly once with the same
    /// accuracy, and the same summaries, curves and plots.
    /// </summary>
    public void ShouldEqual(string folder)
    {
        foreach (string campaign in Campaigns)
        {
            string[] expected = SortedTrials(Path.Combine(Folder, campaign, "trials.csv"));
            string[] actual = SortedTrials(Path.Combine(folder, campaign, "trials.csv"));
            var keys = actual.Skip(1).Select(row => row[..row.LastIndexOf(',')]).ToList();
            keys.Distinct().Count().ShouldBe(keys.Count, $"a trial of {campaign}/trials.csv is there twice");
            actual.Length.ShouldBe(expected.Length, $"{campaign}/trials.csv");
            actual.ShouldBe(expected, $"{campaign}/trials.csv");
            foreach (string file in Derived)
            {
                File.ReadAllText(Path.Combine(folder, campaign, file)).ShouldBe(File.ReadAllText(Path.Combine(Folder, campaign, file)), Path.Combine(campaign, file));
            }
        }
    }

    public void Dispose() => _folder.Dispose();
}
