using MapDsl.Runtime.IO;
using System.Globalization;
using System.Text;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// The statistics of a campaign's rows, per configuration: baseline, accuracy curve and tolerable stuck-on rate (see
/// <see cref="ConfigurationSummary"/>). The result depends only on the set of rows, not on their order, so the rows of
/// a campaign run in shards and merged give the same summary, to the bit, as one unsplit run.
/// </summary>
public sealed class CampaignSummary
{
    /// <summary>The header of <c>summary.csv</c>.</summary>
    public const string SummaryHeader = "scheme,sparsity,baseline_accuracy,tolerable_stuck_on_rate";

    /// <summary>The header of <c>curves.csv</c>.</summary>
    public const string CurvesHeader = "mapping,scheme,sparsity,stuck_on_rate,stuck_off_rate,chips,mean_accuracy,std_accuracy,worst_accuracy,best_accuracy";

    private CampaignSummary(IReadOnlyList<ConfigurationSummary> configurations)
    {
        Configurations = configurations;
    }

    /// <summary>One summary per configuration, ordered by scheme, then sparsity, then mapping (ordinal).</summary>
    public IReadOnlyList<ConfigurationSummary> Configurations { get; }

    /// <summary>Summarises <paramref name="rows"/> (e.g. from <see cref="TrialsFile.ReadRows"/>).</summary>
    /// <param name="rows">The rows; each trial at most once.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">
    /// A configuration has no baseline row or no faulty rows; a trial appears twice; one stuck-on rate of a
    /// configuration comes with several stuck-off rates (rows of different fault mixes, which must be summarised
    /// separately); or two configurations share scheme and sparsity (summary.csv tells configurations apart by those).
    /// </exception>
    public static CampaignSummary From(IEnumerable<TrialRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var byConfiguration = new Dictionary<CampaignConfiguration, List<TrialRow>>();
        var seen = new HashSet<Trial>();
        foreach (TrialRow row in rows)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            if (!seen.Add(row.Trial))
            {
                throw new ArgumentException($"The trial {row.Trial} appears twice; merge files with TrialsFile.ReadRows, which removes duplicates.", nameof(rows));
            }

            if (!byConfiguration.TryGetValue(row.Trial.Configuration, out List<TrialRow>? list))
            {
                byConfiguration.Add(row.Trial.Configuration, list = []);
            }

            list.Add(row);
        }

        ConfigurationSummary[] summaries = [.. byConfiguration
            .OrderBy(pair => pair.Key.Scheme, StringComparer.Ordinal)
            .ThenBy(pair => pair.Key.Sparsity)
            .ThenBy(pair => pair.Key.Mapping, StringComparer.Ordinal)
            .Select(pair => Summarise(pair.Key, pair.Value))];

        for (int i = 1; i < summaries.Length; i++)
        {
            CampaignConfiguration a = summaries[i - 1].Configuration, b = summaries[i].Configuration;
            if (a.Scheme == b.Scheme && a.Sparsity == b.Sparsity)
            {
                throw new ArgumentException($"The configurations {a} and {b} have the same scheme and sparsity; summary.csv tells configurations apart by those two, so summarise them separately.", nameof(rows));
            }
        }

        return new CampaignSummary(summaries);
    }

    /// <summary>The configuration with <paramref name="scheme"/> and <paramref name="sparsity"/>, or null.</summary>
    /// <param name="scheme">The scheme's name.</param>
    /// <param name="sparsity">The sparsity (exact).</param>
    /// <returns>Its summary, or null.</returns>
    public ConfigurationSummary? Find(string scheme, double sparsity) =>
        Configurations.FirstOrDefault(c => c.Configuration.Scheme == scheme && c.Configuration.Sparsity == sparsity);

    /// <summary>
    /// The text of <c>summary.csv</c>: header <see cref="SummaryHeader"/>, one row per configuration, numbers as
    /// fractions in round-trip form. tolerable_stuck_on_rate is <see cref="TolerableRate.CsvValue"/>: 0 when the lowest
    /// grid rate already fails, the highest grid rate when none fails (a lower bound).
    /// </summary>
    /// <returns>The text, with <c>\n</c> line ends.</returns>
    public string SummaryCsv()
    {
        var text = new StringBuilder(SummaryHeader).Append('\n');
        foreach (ConfigurationSummary summary in Configurations)
        {
            text.Append(summary.Configuration.Scheme).Append(',')
                .Append(RateText.Format(summary.Configuration.Sparsity)).Append(',')
                .Append(RateText.Format(summary.BaselineAccuracy)).Append(',')
                .Append(RateText.Format(summary.Tolerable.CsvValue)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The text of <c>curves.csv</c> (header <see cref="CurvesHeader"/>): one row per configuration and rate point, for plotting.</summary>
    /// <returns>The text, with <c>\n</c> line ends.</returns>
    public string CurvesCsv()
    {
        var text = new StringBuilder(CurvesHeader).Append('\n');
        foreach (ConfigurationSummary summary in Configurations)
        {
            CampaignConfiguration config = summary.Configuration;
            foreach (CurvePoint point in summary.Points)
            {
                text.AppendJoin(',',
                    config.Mapping,
                    config.Scheme,
                    RateText.Format(config.Sparsity),
                    RateText.Format(point.StuckOnRate),
                    RateText.Format(point.StuckOffRate),
                    point.Chips.ToString(CultureInfo.InvariantCulture),
                    RateText.Format(point.Mean),
                    RateText.Format(point.StandardDeviation),
                    RateText.Format(point.Worst),
                    RateText.Format(point.Best)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Writes <see cref="SummaryCsv"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    /// <param name="path">Target file, usually <c>summary.csv</c>; replaced if it exists.</param>
    public void WriteSummaryCsv(string path) => AtomicFile.WriteText(path, SummaryCsv());

    /// <summary>Writes <see cref="CurvesCsv"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    /// <param name="path">Target file, usually <c>curves.csv</c>; replaced if it exists.</param>
    public void WriteCurvesCsv(string path) => AtomicFile.WriteText(path, CurvesCsv());

    private static ConfigurationSummary Summarise(CampaignConfiguration configuration, List<TrialRow> rows)
    {
        TrialRow baseline = rows.FirstOrDefault(row => row.Trial.IsBaseline)
            ?? throw new ArgumentException($"The configuration {configuration} has no baseline row (chip 0, rates 0 and 0), so its tolerable rate cannot be judged; run the campaign's baseline trials.", "rows");

        var points = new List<CurvePoint>();
        foreach (var group in rows.Where(row => !row.Trial.IsBaseline).GroupBy(row => row.Trial.StuckOnRate).OrderBy(group => group.Key))
        {
            double[] stuckOff = [.. group.Select(row => row.Trial.StuckOffRate).Distinct()];
            if (stuckOff.Length != 1)
            {
                throw new ArgumentException($"The configuration {configuration} has stuck-on rate {RateText.Format(group.Key)} with several stuck-off rates ({string.Join(", ", stuckOff.Order().Select(RateText.Format))}); rows of different fault mixes must be summarised separately.", "rows");
            }

            // Chip order, not file order, so that merged shards sum in the same order as one run.
            double[] accuracies = [.. group.OrderBy(row => row.Trial.Chip).Select(row => row.Accuracy)];
            points.Add(CurvePoint.Of(group.Key, stuckOff[0], accuracies));
        }

        if (points.Count == 0)
        {
            throw new ArgumentException($"The configuration {configuration} has only its baseline row; a summary needs rows at some stuck-on rate.", "rows");
        }

        if (points[0].StuckOnRate <= 0)
        {
            throw new ArgumentException($"The configuration {configuration} has faulty-chip rows at stuck-on rate 0; the rates of a stuck-on sweep must be above 0 (the fault-free case is the baseline).", "rows");
        }

        return new ConfigurationSummary(configuration, baseline.Accuracy, points);
    }
}
