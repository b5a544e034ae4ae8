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
        var stuckOn = MergeCampaign(shardFolders, string.Empty, settings.OutputFolder, "stuck-on faults");
        CampaignSummary? mixed = null;
        if (shardFolders.All(f => File.Exists(Path.Combine(f, ExperimentSettings.MixedSubfolder, "trials.csv"))))
        {
            mixed = MergeCampaign(shardFolders, ExperimentSettings.MixedSubfolder, Path.Combine(settings.OutputFolder, ExperimentSettings.MixedSubfolder), "stuck-on and stuck-off faults");
        }

        Results.WriteReport(stuckOn, mixed, settings, networks: null, $"--merge {string.Join(' ', shardFolders)}");
        console.MarkupLine($"Merged {shardFolders.Count} shards into {Markup.Escape(settings.OutputFolder)}.");
        return 0;
    }

    private static CampaignSummary MergeCampaign(IReadOnlyList<string> shardFolders, string subfolder, string into, string title)
    {
        var rows = TrialsFile.ReadRows([.. shardFolders.Select(f => Path.Combine(f, subfolder, "trials.csv"))]);
        Directory.CreateDirectory(into);
        TrialsFile.WriteAll(Path.Combine(into, "trials.csv"), rows);
        var summary = CampaignSummary.From(rows);
        summary.WriteSummaryCsv(Path.Combine(into, "summary.csv"));
        summary.WriteCurvesCsv(Path.Combine(into, "curves.csv"));
        AccuracyPlot.WriteSvg(summary, Path.Combine(into, "accuracy-vs-rate.svg"), $"LeNet-5 on 128x128 ReRAM crossbars, {title}");
        return summary;
    }
}
