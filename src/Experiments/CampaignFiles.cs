using MapDsl.Runtime.Campaigns;

namespace MapDsl.Experiments;

/// <summary>The files of a finished campaign, written from its trials: summary.csv, curves.csv and accuracy-vs-rate.svg.</summary>
internal static class CampaignFiles
{
    public const string Trials = "trials.csv";

    public static CampaignSummary Write(ExperimentCampaign campaign, string folder, IReadOnlyList<TrialRow> rows)
    {
        var summary = CampaignSummary.From(rows);
        summary.WriteSummaryCsv(Path.Combine(folder, "summary.csv"));
        summary.WriteCurvesCsv(Path.Combine(folder, "curves.csv"));
        AccuracyPlot.WriteSvg(summary, Path.Combine(folder, "accuracy-vs-rate.svg"), campaign.PlotTitle);
        return summary;
    }

    /// <summary>
    /// Merges the trials of shards (each run with --shard i/N into its own output folder) into <paramref name="folder"/>
    /// and writes the files one unsplit run writes. Refuses an incomplete merge: its summary would look like a finished
    /// one with fewer chips.
    /// </summary>
    public static CampaignSummary Merge(ExperimentCampaign campaign, IReadOnlyList<string> shardFolders, string folder)
    {
        var rows = TrialsFile.ReadRows([.. shardFolders.Select(f => Path.Combine(campaign.Folder(f), Trials))]);
        var (missing, extra) = campaign.Plan.Coverage(rows.Select(r => r.Trial));
        if (missing.Count > 0 || extra.Count > 0)
        {
            var example = missing.Count > 0 ? $"missing e.g. {missing[0]}" : $"not planned e.g. {extra[0]}";
            throw new InvalidDataException(
                $"The shards' {campaign.Title} trials do not match the plan of these options ({campaign.Plan.Trials.Count} trials): {missing.Count} missing, {extra.Count} not in the plan ({example}). " +
                "Finish every shard (re-run its command) and pass the same options as the shards (--chips, --rates, --per-decade and the experiment's own).");
        }

        Directory.CreateDirectory(folder);
        TrialsFile.WriteAll(Path.Combine(folder, Trials), rows, campaign.Plan.Columns);
        return Write(campaign, folder, rows);
    }
}
