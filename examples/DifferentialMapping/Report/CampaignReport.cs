using MapDsl.Runtime.IO;
using System.Globalization;
using System.Text;

using MapDsl.Runtime.Campaigns;

namespace DifferentialMapping;

/// <summary>
/// Writes <c>report.md</c>: the setup, the tolerable stuck-on rate of every configuration, the differential /
/// two-column ratio per sparsity, and a discussion generated from those numbers that says plainly whether the ratio
/// reaches the 10× of Yuan et al. (ISQED 2021), 5×, or neither, and states when the grid only bounds it.
/// </summary>
internal static class CampaignReport
{
    private const double PaperRatio = 10;
    private const double HalfwayRatio = 5;

    /// <summary>Writes the report to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    /// <param name="path">Target file, usually <c>report.md</c>; replaced if it exists.</param>
    /// <param name="input">What to report.</param>
    public static void WriteMarkdown(string path, ReportInput input) => AtomicFile.WriteText(path, Markdown(input));

    /// <summary>The report's Markdown text (<c>\n</c> line ends, invariant culture).</summary>
    /// <param name="input">What to report.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentException">A mixed summary is given without its fault mix.</exception>
    public static string Markdown(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.MixedSummary is not null && input.MixedMix is null)
        {
            throw new ArgumentException("The mixed stuck-on/stuck-off summary needs its fault mix (MixedMix) for the report.", nameof(input));
        }

        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');

        Line($"# {input.Title}");
        Line();
        if (input.Setup.Count > 0)
        {
            Line("## Setup");
            Line();
            foreach ((string key, string value) in input.Setup)
            {
                Line($"- **{key}**: {value}");
            }

            Line();
        }

        Line("A configuration tolerates a stuck-on rate while its mean accuracy over the chips stays within 1 percentage point of its fault-free accuracy; the tolerable rate is interpolated in log(rate) between the last passing and the first failing grid rate.");
        Line();

        IReadOnlyList<ToleranceRatio> ratios = Section(Line, $"Results: {input.Mix.Describe()}", input.Summary, input.PlotFile);
        if (input.MixedSummary is { } mixed)
        {
            FaultMix mix = input.MixedMix!;
            IReadOnlyList<ToleranceRatio> mixedRatios = Section(Line, $"Results with stuck-off faults: {mix.Describe()}", mixed, input.MixedPlotFile);
            Line("### Stuck-on only against stuck-on with stuck-off");
            Line();
            Compare(Line, ratios, mixedRatios, input.Mix, mix);
        }

        if (!string.IsNullOrWhiteSpace(input.Notes))
        {
            Line($"## {input.NotesTitle}");
            Line();
            Line(input.Notes.TrimEnd().Replace("\r\n", "\n", StringComparison.Ordinal));
        }

        return md.ToString();
    }

    private static IReadOnlyList<ToleranceRatio> Section(Action<string> line, string heading, CampaignSummary summary, string? plot)
    {
        line($"## {heading}");
        line(string.Empty);
        if (plot is not null)
        {
            line($"![accuracy against stuck-on rate]({plot})");
            line(string.Empty);
        }

        line("| scheme | sparsity | baseline accuracy | tolerable stuck-on rate |");
        line("|---|---:|---:|---:|");
        foreach (ConfigurationSummary config in summary.Configurations)
        {
            line($"| {config.Configuration.Scheme} | {Percent(config.Configuration.Sparsity)} | {Accuracy(config.BaselineAccuracy)} | {config.Tolerable.Describe()} |");
        }

        line(string.Empty);
        if (summary.Configurations.Any(c => c.Tolerable.Bound != ToleranceBound.Interpolated))
        {
            line("\"< x\": the lowest grid rate x already fails. \">= x\": no grid rate fails, up to the highest x.");
            line(string.Empty);
        }

        ChipSpreadTable.Write(line, summary);
        IReadOnlyList<ToleranceRatio> ratios = ToleranceRatio.Of(summary);
        line("### Differential against two-column");
        line(string.Empty);
        if (ratios.Count == 0)
        {
            line("No sparsity has both a two-column and a differential configuration, so there is no ratio to report.");
            line(string.Empty);
            return ratios;
        }

        line("| sparsity | tolerable (two-column) | tolerable (differential) | ratio differential / two-column |");
        line("|---:|---:|---:|---:|");
        foreach (ToleranceRatio ratio in ratios)
        {
            line($"| {Percent(ratio.Sparsity)} | {ratio.TwoColumn.Describe()} | {ratio.Differential.Describe()} | {ratio.Describe()} |");
        }

        line(string.Empty);
        if (ratios.Any(r => r.Bound != RatioBound.Exact))
        {
            line("\"≥\" and \"≤\" mark ratios that are only bounds, because one of the tolerable rates lies beyond an end of the grid.");
            line(string.Empty);
        }

        line("### Discussion");
        line(string.Empty);
        foreach (ToleranceRatio ratio in ratios)
        {
            line($"- {Verdict(ratio)}");
        }

        line($"- {Unpruned(ratios)}");
        line(string.Empty);
        return ratios;
    }

    private static string Verdict(ToleranceRatio ratio)
    {
        string at = ratio.Sparsity == 0 ? "Unpruned" : $"At {Percent(ratio.Sparsity)} sparsity";
        string value = ToleranceRatio.Times(ratio.Value);
        return ratio.Bound switch
        {
            RatioBound.Exact when ratio.Value >= PaperRatio => $"{at}, differential mapping tolerates {value} the two-column stuck-on rate: this reaches the paper's 10×.",
            RatioBound.Exact when ratio.Value >= HalfwayRatio => $"{at}, differential mapping tolerates {value} the two-column stuck-on rate: at least 5×, but short of the paper's 10×.",
            RatioBound.Exact when ratio.Value > 1 => $"{at}, differential mapping tolerates {value} the two-column stuck-on rate: an advantage, but below 5× and well short of the paper's 10×.",
            RatioBound.Exact => $"{at}, differential mapping tolerates {value} the two-column stuck-on rate: no advantage over two-column mapping.",
            RatioBound.AtLeast when ratio.Value >= PaperRatio => $"{at}, the ratio is at least {value}: it reaches the paper's 10× (the grid bounds it only from below).",
            RatioBound.AtLeast when ratio.Value >= HalfwayRatio => $"{at}, the ratio is at least {value}: it reaches 5×; whether it reaches 10× this grid cannot tell (extend it).",
            RatioBound.AtLeast => $"{at}, the ratio is at least {value}: the grid is too narrow to tell whether it reaches 5× or 10× (extend it).",
            RatioBound.AtMost when ratio.Value < HalfwayRatio => $"{at}, the ratio is at most {value}: it reaches neither 5× nor the paper's 10×.",
            RatioBound.AtMost when ratio.Value < PaperRatio => $"{at}, the ratio is at most {value}: it does not reach the paper's 10×; 5× cannot be ruled out.",
            RatioBound.AtMost => $"{at}, the ratio is at most {value}: the grid cannot tell whether it reaches 10× (extend it).",
            _ => $"{at}, the ratio cannot be determined: both tolerable rates lie beyond the same end of the grid.",
        };
    }

    private static string Unpruned(IReadOnlyList<ToleranceRatio> ratios)
    {
        ToleranceRatio? unpruned = ratios.FirstOrDefault(r => r.Sparsity == 0);
        ToleranceRatio? pruned = ratios.LastOrDefault(r => r.Sparsity > 0);
        if (unpruned is null)
        {
            return "There is no unpruned pair of configurations, so this campaign cannot show whether the effect needs pruning.";
        }

        string unprunedText = unpruned.Describe();
        if (pruned is null)
        {
            return $"Only the unpruned network was evaluated (ratio {unprunedText}); the paper's effect comes with pruning, which this campaign does not test.";
        }

        string comparison = $"The unpruned ratio is {unprunedText}, against {pruned.Describe()} at {Percent(pruned.Sparsity)} sparsity.";
        bool comparable = unpruned.Bound is RatioBound.Exact or RatioBound.AtMost && pruned.Bound is RatioBound.Exact or RatioBound.AtLeast;
        if (comparable && unpruned.Value < pruned.Value)
        {
            return comparison + " The effect grows with pruning, as the paper's explanation expects: a pruned weight is 0, and differential mapping stores 0 with both cells at G_on, where a stuck-on cell changes nothing.";
        }

        if (unpruned.Bound is RatioBound.Exact or RatioBound.AtLeast && unpruned.Value >= HalfwayRatio)
        {
            return comparison + " The unpruned network already shows much of the effect, so here it is not due to pruning alone.";
        }

        return comparison + " These numbers do not show the effect growing with pruning.";
    }

    private static void Compare(Action<string> line, IReadOnlyList<ToleranceRatio> stuckOn, IReadOnlyList<ToleranceRatio> mixed, FaultMix stuckOnMix, FaultMix mixedMix)
    {
        int lower = 0, compared = 0;
        foreach (ToleranceRatio first in stuckOn)
        {
            ToleranceRatio? second = mixed.FirstOrDefault(r => r.Sparsity == first.Sparsity);
            if (second is null)
            {
                continue;
            }

            string at = first.Sparsity == 0 ? "Unpruned" : $"At {Percent(first.Sparsity)} sparsity";
            if (first.Bound == RatioBound.Exact && second.Bound == RatioBound.Exact)
            {
                compared++;
                string change = second.Value < first.Value ? "falls" : second.Value > first.Value ? "rises" : "stays";
                lower += second.Value < first.Value ? 1 : 0;
                line($"- {at}, the ratio {change} from {first.Describe()} ({stuckOnMix.Describe()}) to {second.Describe()} ({mixedMix.Describe()}).");
            }
            else
            {
                line($"- {At(at)} the ratios are {first.Describe()} ({stuckOnMix.Describe()}) and {second.Describe()} ({mixedMix.Describe()}); bounds do not allow a comparison.");
            }
        }

        line(string.Empty);
        string expectation = "Differential mapping is expected to lose some of its edge when stuck-off faults are present: its zero weights rest at G_on, so a stuck-off cell pulls them away from 0, while two-column zeros rest at G_off, where a stuck-off cell changes nothing.";
        if (compared == 0)
        {
            line(expectation + " These two campaigns share no sparsity with exact ratios, so they cannot test that.");
        }
        else if (lower == compared)
        {
            line(expectation + $" The ratio is lower with stuck-off faults at every compared sparsity ({compared}), as expected.");
        }
        else
        {
            line(expectation + $" The ratio is lower with stuck-off faults at {lower} of {compared} compared sparsities, so this campaign confirms that only in part.");
        }

        line(string.Empty);
    }

    private static string At(string at) => at + ",";

    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Accuracy(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
