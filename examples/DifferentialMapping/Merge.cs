using MapDsl.Runtime.Campaigns;
using Spectre.Console;

namespace DifferentialMapping;

/// <summary>
/// Merges the trials.csv files of shards (run with --shard i/N, each into its own folder) into one output folder and
/// writes the summary, plot and report from them: the same files one unsplit run writes.
/// </summary>
internal static class Merge
{
    public static int Run(IReadOnlyList<string> shardFolders, ExperimentSettings settings, IAnsiConsole console)
    {
        var stuckOn = MergeCampaign(shardFolders, string.Empty, settings.OutputFolder, "stuck-on faults", Experiment.PlanOf(settings, FaultMix.StuckOnOnly));
        CampaignSummary? mixed = null;
        if (settings.MixedFaults is { } mix)
        {
            mixed = MergeCampaign(shardFolders, ExperimentSettings.MixedSubfolder, Path.Combine(settings.OutputFolder, ExperimentSettings.MixedSubfolder), "stuck-on and stuck-off faults", Experiment.PlanOf(settings, mix));
        }

        Results.WriteReport(stuckOn, mixed, settings, networks: null, $"--merge {string.Join(' ', shardFolders)}");
        console.MarkupLine($"Merged {shardFolders.Count} shards into {Markup.Escape(settings.OutputFolder)}.");
        return 0;
    }

    private static CampaignSummary MergeCampaign(IReadOnlyList<string> shardFolders, string subfolder, string into, string title, CampaignPlan plan)
    {
        var rows = TrialsFile.ReadRows([.. shardFolders.Select(f => Path.Combine(f, subfolder, "trials.csv"))]);
        CheckComplete(rows, plan, title);
        Directory.CreateDirectory(into);
        TrialsFile.WriteAll(Path.Combine(into, "trials.csv"), rows);
        var summary = CampaignSummary.From(rows);
        summary.WriteSummaryCsv(Path.Combine(into, "summary.csv"));
        summary.WriteCurvesCsv(Path.Combine(into, "curves.csv"));
        AccuracyPlot.WriteSvg(summary, Path.Combine(into, "accuracy-vs-rate.svg"), $"LeNet-5 on 128x128 ReRAM crossbars, {title}");
        return summary;
    }

    // A summary of a partial merge would look like a finished one with fewer chips; refuse it. The plan comes from this
    // command's options, so they must be those the shards ran with.
    private static void CheckComplete(IReadOnlyList<TrialRow> rows, CampaignPlan plan, string title)
    {
        var (missing, extra) = plan.Coverage(rows.Select(r => r.Trial));
        if (missing.Count > 0 || extra.Count > 0)
        {
            var example = missing.Count > 0 ? $"missing e.g. {Describe(missing[0])}" : $"not planned e.g. {Describe(extra[0])}";
            throw new InvalidDataException(
                $"The shards' {title} trials do not match the plan of these options ({plan.Trials.Count} trials): {missing.Count} missing, {extra.Count} not in the plan ({example}). " +
                "Finish every shard (re-run its command) and pass the same --chips, --rates, --per-decade and --mixed as the shards.");
        }
    }

    private static string Describe(Trial trial) =>
        $"{trial.Configuration.Mapping} at stuck-on {RateText.Format(trial.StuckOnRate)}, chip {trial.Chip}";
}
