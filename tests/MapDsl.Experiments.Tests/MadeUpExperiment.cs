using System.CommandLine;
using MapDsl.Runtime.Campaigns;
using Spectre.Console;

namespace MapDsl.Experiments.Tests;

/// <summary>
/// An experiment with two configurations and, with --twice, a second campaign; a trial's accuracy is a fixed
/// function of the trial, so every run, shard and merge can be checked against it. It counts what the host asks of it.
/// </summary>
internal sealed class MadeUpExperiment : CampaignExperiment<MadeUpExperiment.Prepared>
{
    private readonly Option<bool> _twice = new("--twice") { Description = "Run a second campaign with stuck-off faults" };
    private readonly Option<int> _level = new("--level") { Description = "A value that must be 1..3", DefaultValueFactory = _ => 2 };

    public MadeUpExperiment()
        : base("A made-up experiment", new ExperimentDefaults(Path.Combine("results", "made-up"), "models/none.safetensors", Chips: 3, Rates: "0.1%..10%", PointsPerDecade: 1))
    {
        Options.Add(_twice);
        Options.Add(_level);
    }

    public List<int> Batches { get; } = [];

    public int Prepares { get; private set; }

    public List<(bool Prepared, int Summaries)> Reports { get; } = [];

    public static double Accuracy(Trial trial) =>
        trial.IsBaseline ? 0.9 : 0.9 - (trial.Configuration.Sparsity + 0.1) * Math.Log10(1 + (1000 * trial.Rates.StuckOn)) / 10 - (trial.Chip * 0.001);

    public override IReadOnlyList<ExperimentCampaign> Campaigns(ExperimentSettings settings)
    {
        if (settings.Value(_level) is < 1 or > 3)
        {
            throw new ArgumentException($"--level must be 1..3, got {settings.Value(_level)}.");
        }

        var configurations = new[] { new CampaignConfiguration("A", "two-column", 0), new CampaignConfiguration("B", "differential", 0.5) };
        var stuckOn = new ExperimentCampaign("stuck-on", string.Empty, new CampaignPlan(configurations, settings.Grid, FaultMix.StuckOnOnly, settings.Chips), "made up");
        return settings.Value(_twice)
            ? [stuckOn, new ExperimentCampaign("mixed", "mixed", new CampaignPlan(configurations, settings.Grid, FaultMix.ProportionalStuckOff(0.5), settings.Chips), "made up, mixed")]
            : [stuckOn];
    }

    protected override Prepared Prepare(ExperimentSettings settings, IAnsiConsole console, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        Prepares++;
        return new Prepared();
    }

    protected override void RunTrials(
        Prepared prepared, ExperimentCampaign campaign, IReadOnlyList<Trial> pending, TrialsFile file, int workers, Action<string, int> progress, CancellationToken cancel)
    {
        Batches.Add(pending.Count);
        for (int i = 0; i < pending.Count && !cancel.IsCancellationRequested; i++)
        {
            file.Append(pending[i], Accuracy(pending[i]));
            progress(pending[i].Configuration.Mapping, i + 1);
        }
    }

    protected override void WriteReport(ExperimentSettings settings, Prepared? prepared, IReadOnlyList<CampaignSummary> summaries)
    {
        Reports.Add((prepared is not null, summaries.Count));
        File.WriteAllText(Path.Combine(settings.OutputFolder, "report.md"), $"{summaries.Count} campaigns\n");
    }

    internal sealed class Prepared;
}
