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
    /// Writes the merged <paramref name="rows"/> of shards (read and checked by <see cref="ShardRows.Read"/>) into
    /// <paramref name="folder"/>, with the files one unsplit run writes.
    /// </summary>
    public static CampaignSummary WriteMerged(ExperimentCampaign campaign, string folder, IReadOnlyList<TrialRow> rows)
    {
        Directory.CreateDirectory(folder);
        TrialsFile.WriteAll(Path.Combine(folder, Trials), rows, campaign.Plan.Columns);
        return Write(campaign, folder, rows);
    }
}
