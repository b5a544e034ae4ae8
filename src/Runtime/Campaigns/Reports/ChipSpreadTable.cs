using System.Globalization;

using MapDsl.Runtime.Campaigns;

namespace MapDsl.Runtime.Campaigns.Reports;

/// <summary>
/// A Markdown table of accuracy over the chips at the decade rates of the grid (0.001%, 0.01%, ...): mean ± sample
/// standard deviation, and the worst chip. The tolerable rate condenses a curve to one number; this shows how the
/// chips spread around it. Every rate is in curves.csv.
/// </summary>
public static class ChipSpreadTable
{
    /// <summary>Writes the table, a line at a time, for every configuration of <paramref name="summary"/>.</summary>
    /// <param name="line">Receives each line of Markdown.</param>
    /// <param name="summary">The campaign's summary.</param>
    public static void Write(Action<string> line, CampaignSummary summary)
    {
        double[] decades = [.. summary.Configurations
            .SelectMany(c => c.Points.Select(p => p.Rate))
            .Distinct()
            .Where(IsDecade)
            .Order()];
        if (decades.Length == 0)
        {
            return;
        }

        line("### Accuracy over the chips");
        line(string.Empty);
        line("Mean ± standard deviation over the chips, and the worst chip in brackets, at the decade rates of the grid.");
        line(string.Empty);
        var axes = summary.AxisNames;
        line("| scheme | sparsity | " + string.Concat(axes.Select(a => a + " | ")) + string.Join(" | ", decades.Select(d => RateText.Percent(d))) + " |");
        line("|---|---:|" + string.Concat(axes.Select(_ => "---:|")) + string.Concat(decades.Select(_ => "---:|")));
        foreach (ConfigurationSummary config in summary.Configurations)
        {
            var cells = decades.Select(rate => config.Points.FirstOrDefault(p => p.Rate == rate) is { } point ? Cell(point) : "-");
            var values = string.Concat(axes.Select(a => config.Configuration.AxisValue(a) + " | "));
            line($"| {config.Configuration.Scheme} | {CampaignMarkdown.Percent(config.Configuration.Sparsity)} | {values}{string.Join(" | ", cells)} |");
        }

        line(string.Empty);
    }

    // Grid decade points are exact powers of ten (RateGrid builds them from "1e-k" text).
    private static bool IsDecade(double rate)
    {
        double exponent = Math.Round(Math.Log10(rate));
        return rate == double.Parse($"1e{exponent.ToString(CultureInfo.InvariantCulture)}", CultureInfo.InvariantCulture);
    }

    private static string Cell(CurvePoint point) =>
        string.Create(CultureInfo.InvariantCulture, $"{100 * point.Mean:0.0} ± {100 * point.StandardDeviation:0.0} ({100 * point.Worst:0.0})");
}
