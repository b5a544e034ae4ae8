using MapDsl.Runtime.IO;
using System.Globalization;
using System.Text;
using MapDsl.Runtime.Faults;

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

    private CampaignSummary(IReadOnlyList<ConfigurationSummary> configurations, TrialColumns columns)
    {
        Configurations = configurations;
        Columns = columns;
        SweptKinds = [.. configurations.Select(c => c.Swept).Distinct().Order()];
    }

    /// <summary>The fault kinds the curves sweep, in column order (only stuck-on for a stuck-cell campaign).</summary>
    public IReadOnlyList<FaultKind> SweptKinds { get; }

    /// <summary>The rate columns of <c>curves.csv</c>: those of the trials summarised.</summary>
    public TrialColumns Columns { get; }

    /// <summary>One summary per configuration, ordered by scheme, then sparsity, then mapping (ordinal).</summary>
    public IReadOnlyList<ConfigurationSummary> Configurations { get; }

    /// <summary>The names of the experiment's own axes the configurations carry (e.g. "epochs"), in first-seen order; tables give each a column.</summary>
    public IReadOnlyList<string> AxisNames => [.. Configurations.SelectMany(c => c.Configuration.Axes.Select(a => a.Name)).Distinct()];

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
        var columns = new List<TrialRow>();
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
            columns.Add(row);
        }

        ConfigurationSummary[] summaries = [.. byConfiguration
            .OrderBy(pair => pair.Key.Scheme, StringComparer.Ordinal)
            .ThenBy(pair => pair.Key.Sparsity)
            .ThenBy(pair => string.Join(",", pair.Key.Axes), StringComparer.Ordinal)
            .ThenBy(pair => pair.Key.Mapping, StringComparer.Ordinal)
            .SelectMany(pair => Summarise(pair.Key, pair.Value))];

        for (int i = 1; i < summaries.Length; i++)
        {
            ConfigurationSummary a = summaries[i - 1], b = summaries[i];
            if (a.Configuration.Scheme == b.Configuration.Scheme && a.Configuration.Sparsity == b.Configuration.Sparsity && a.Swept == b.Swept
                && a.Configuration.Axes.SequenceEqual(b.Configuration.Axes))
            {
                throw new ArgumentException($"The configurations {a.Configuration} and {b.Configuration} have the same scheme and sparsity; summary.csv tells configurations apart by those two, so summarise them separately.", nameof(rows));
            }
        }

        return new CampaignSummary(summaries, TrialColumns.Covering(columns));
    }

    /// <summary>The configuration with <paramref name="scheme"/> and <paramref name="sparsity"/>, or null.</summary>
    /// <param name="scheme">The scheme's name.</param>
    /// <param name="sparsity">The sparsity (exact).</param>
    /// <returns>Its summary, or null.</returns>
    public ConfigurationSummary? Find(string scheme, double sparsity) =>
        Configurations.FirstOrDefault(c => c.Configuration.Scheme == scheme && c.Configuration.Sparsity == sparsity);

    /// <summary>
    /// The text of <c>summary.csv</c>: header <see cref="SummaryHeader"/> for a stuck-on sweep (the swept kind names the
    /// last column; several swept kinds add a <c>fault</c> column), one row per configuration and swept kind, numbers as
    /// fractions in round-trip form. The tolerable rate is <see cref="TolerableRate.CsvValue"/>: 0 when the lowest grid
    /// rate already fails, the highest grid rate when none fails (a lower bound).
    /// </summary>
    /// <returns>The text, with <c>\n</c> line ends.</returns>
    public string SummaryCsv()
    {
        // One swept kind: the paper-style table "scheme,sparsity,baseline_accuracy,tolerable_<kind>_rate"; several: a
        // fault column says which kind each row's tolerable rate is of.
        bool oneKind = SweptKinds.Count == 1;
        string axes = string.Concat(Columns.Axes.Select(a => a + ","));
        var text = new StringBuilder(oneKind
            ? $"scheme,sparsity,{axes}baseline_accuracy,tolerable_{TrialColumns.ColumnOf(SweptKinds[0])}"
            : $"scheme,sparsity,{axes}fault,baseline_accuracy,tolerable_rate").Append('\n');
        foreach (ConfigurationSummary summary in Configurations)
        {
            text.Append(summary.Configuration.Scheme).Append(',')
                .Append(RateText.Format(summary.Configuration.Sparsity)).Append(',');
            foreach (ConfigurationAxis axis in summary.Configuration.Axes)
            {
                text.Append(axis.Value).Append(',');
            }

            if (!oneKind)
            {
                text.Append(TrialColumns.Word(summary.Swept)).Append(',');
            }

            text.Append(RateText.Format(summary.BaselineAccuracy)).Append(',')
                .Append(RateText.Format(summary.Tolerable.CsvValue)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The text of <c>curves.csv</c>: one row per configuration, swept kind and rate with the mean, sample standard
    /// deviation, worst and best accuracy over the chips; the rate columns are those of the trials (<see cref="Columns"/>).
    /// </summary>
    /// <returns>The text, with <c>\n</c> line ends.</returns>
    public string CurvesCsv()
    {
        var text = new StringBuilder($"mapping,scheme,sparsity,{string.Concat(Columns.Axes.Select(a => a + ","))}{string.Join(',', Columns.Kinds.Select(TrialColumns.ColumnOf))},chips,mean_accuracy,std_accuracy,worst_accuracy,best_accuracy").Append('\n');
        foreach (ConfigurationSummary summary in Configurations)
        {
            CampaignConfiguration config = summary.Configuration;
            foreach (CurvePoint point in summary.Points)
            {
                text.AppendJoin(',', [
                    config.Mapping,
                    config.Scheme,
                    RateText.Format(config.Sparsity),
                    .. config.Axes.Select(a => a.Value),
                    .. Columns.Kinds.Select(k => RateText.Format(point.Rates.Of(k))),
                    point.Chips.ToString(CultureInfo.InvariantCulture),
                    RateText.Format(point.Mean),
                    RateText.Format(point.StandardDeviation),
                    RateText.Format(point.Worst),
                    RateText.Format(point.Best)]).Append('\n');
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

    // A configuration's rows form one curve per swept kind: a row belongs to stuck-on when it has stuck-on faults (a
    // stuck-cell mix), else to its one non-zero kind.
    private static IEnumerable<ConfigurationSummary> Summarise(CampaignConfiguration configuration, List<TrialRow> rows)
    {
        TrialRow baseline = rows.FirstOrDefault(row => row.Trial.IsBaseline)
            ?? throw new ArgumentException($"The configuration {configuration} has no baseline row (chip 0, rates 0 and 0), so its tolerable rate cannot be judged; run the campaign's baseline trials.", "rows");

        var faulty = rows.Where(row => !row.Trial.IsBaseline).ToList();
        if (faulty.Count == 0)
        {
            throw new ArgumentException($"The configuration {configuration} has only its baseline row; a summary needs rows at some stuck-on rate.", "rows");
        }

        foreach (var curve in faulty.GroupBy(row => SweptKind(configuration, row.Trial.Rates)).OrderBy(group => group.Key))
        {
            yield return Curve(configuration, curve.Key, baseline.Accuracy, curve);
        }
    }

    private static ConfigurationSummary Curve(CampaignConfiguration configuration, FaultKind swept, double baseline, IEnumerable<TrialRow> rows)
    {
        var points = new List<CurvePoint>();
        foreach (var group in rows.GroupBy(row => row.Trial.Rates.Of(swept)).OrderBy(group => group.Key))
        {
            FaultRates[] rates = [.. group.Select(row => row.Trial.Rates).Distinct()];
            if (rates.Length != 1)
            {
                throw new ArgumentException($"The configuration {configuration} has {TrialColumns.Word(swept)} rate {RateText.Format(group.Key)} with several stuck-off rates ({string.Join(", ", rates.Select(r => RateText.Format(r.StuckOff)).Distinct().Order())}); rows of different fault mixes must be summarised separately.", "rows");
            }

            // Chip order, not file order, so that merged shards sum in the same order as one run.
            double[] accuracies = [.. group.OrderBy(row => row.Trial.Chip).Select(row => row.Accuracy)];
            points.Add(CurvePoint.Of(group.Key, rates[0], accuracies));
        }

        if (points[0].Rate <= 0)
        {
            throw new ArgumentException($"The configuration {configuration} has faulty-chip rows at stuck-on rate 0; the rates of a stuck-on sweep must be above 0 (the fault-free case is the baseline).", "rows");
        }

        return new ConfigurationSummary(configuration, swept, baseline, points);
    }

    private static FaultKind SweptKind(CampaignConfiguration configuration, FaultRates rates)
    {
        if (rates.StuckOn > 0)
        {
            return rates.BitFlip == 0 && rates.Pe == 0
                ? FaultKind.StuckOn
                : throw new ArgumentException($"The configuration {configuration} has a row with stuck cells and other faults at once ({Trial.Describe(rates)}); a summary sweeps one kind per curve.", "rows");
        }

        FaultKind[] kinds = [.. new[] { FaultKind.StuckOff, FaultKind.BitFlip, FaultKind.Pe }.Where(k => rates.Of(k) > 0)];
        return kinds.Length == 1
            ? kinds[0]
            : throw new ArgumentException($"The configuration {configuration} has a row with several fault kinds at once ({Trial.Describe(rates)}); a summary sweeps one kind per curve.", "rows");
    }
}
