using System.Globalization;
using System.Text;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.IO;

namespace MapDsl.Runtime.Campaigns.Reports;

/// <summary>
/// A campaign's <c>report.md</c>, built a block at a time: the title, the setup, the definition of a tolerable rate,
/// and a results section per campaign (plot, tolerable rates, chip spread). An experiment adds its own sections (a
/// comparison of schemes, a discussion, notes) between them with <see cref="Heading"/> and <see cref="Line"/>.
/// Lines end in <c>\n</c> and numbers use the invariant culture, so the same results give the same bytes anywhere.
/// </summary>
public sealed class CampaignMarkdown
{
    private readonly StringBuilder _text = new();

    /// <summary>Starts a report with its title, the first heading.</summary>
    /// <param name="title">The title.</param>
    public CampaignMarkdown(string title) => Heading(title, level: 1);

    /// <summary>The Markdown so far.</summary>
    public string Text => _text.ToString();

    /// <summary>Appends one line.</summary>
    /// <param name="text">The line, without its end.</param>
    /// <returns>This report.</returns>
    public CampaignMarkdown Line(string text = "")
    {
        _text.Append(text).Append('\n');
        return this;
    }

    /// <summary>Appends a heading and the blank line after it.</summary>
    /// <param name="text">The heading.</param>
    /// <param name="level">1 for the title, 2 for a section, 3 for a subsection.</param>
    /// <returns>This report.</returns>
    public CampaignMarkdown Heading(string text, int level = 2) => Line($"{new string('#', level)} {text}").Line();

    /// <summary>Appends the setup section: one bullet per entry, in the order given; nothing when it is empty.</summary>
    /// <param name="setup">What was run: network, data, hardware, grid, chips, command line...</param>
    /// <returns>This report.</returns>
    public CampaignMarkdown Setup(IEnumerable<(string Key, string Value)> setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        (string Key, string Value)[] entries = [.. setup];
        if (entries.Length == 0)
        {
            return this;
        }

        Heading("Setup");
        foreach ((string key, string value) in entries)
        {
            Line($"- **{key}**: {value}");
        }

        return Line();
    }

    /// <summary>Appends the paragraph that defines the tolerable rate the results tables give.</summary>
    /// <param name="swept">The fault kind whose rate the campaign sweeps.</param>
    /// <returns>This report.</returns>
    public CampaignMarkdown ToleranceDefinition(FaultKind swept) => Line(
        $"A configuration tolerates a {TrialColumns.Word(swept)} rate while its mean accuracy over the chips stays within " +
        $"{(100 * ConfigurationSummary.AccuracyDrop).ToString("0.##", CultureInfo.InvariantCulture)} percentage point of its fault-free accuracy; " +
        "the tolerable rate is interpolated in log(rate) between the last passing and the first failing grid rate.").Line();

    /// <summary>
    /// Appends a campaign's results: a section heading, its plot, each configuration's baseline and tolerable rate,
    /// and the accuracy over the chips at the grid's decade rates (<see cref="ChipSpreadTable"/>).
    /// </summary>
    /// <param name="heading">The section heading.</param>
    /// <param name="summary">The campaign's summary.</param>
    /// <param name="plotFile">Its plot, relative to the report's folder, or null for none.</param>
    /// <returns>This report.</returns>
    public CampaignMarkdown Results(string heading, CampaignSummary summary, string? plotFile)
    {
        ArgumentNullException.ThrowIfNull(summary);
        string swept = summary.SweptKinds.Count == 1 ? TrialColumns.Word(summary.SweptKinds[0]) + " " : string.Empty;
        Heading(heading);
        if (plotFile is not null)
        {
            Line($"![accuracy against {swept}rate]({plotFile})").Line();
        }

        // The experiment's own axes (e.g. retraining epochs) tell configurations apart too, so each gets a column.
        bool kinds = summary.SweptKinds.Count > 1;
        var axes = summary.AxisNames;
        string axisHeads = string.Concat(axes.Select(a => $" {a} |"));
        Line($"| scheme | sparsity |{axisHeads}{(kinds ? " swept |" : string.Empty)} baseline accuracy | tolerable {swept}rate |");
        Line($"|---|---:|{string.Concat(axes.Select(_ => "---:|"))}{(kinds ? "---|" : string.Empty)}---:|---:|");
        foreach (ConfigurationSummary config in summary.Configurations)
        {
            string kind = kinds ? $" {TrialColumns.Word(config.Swept)} |" : string.Empty;
            string values = string.Concat(axes.Select(a => $" {config.Configuration.AxisValue(a)} |"));
            Line($"| {config.Configuration.Scheme} | {Percent(config.Configuration.Sparsity)} |{values}{kind} {Accuracy(config.BaselineAccuracy)} | {config.Tolerable.Describe()} |");
        }

        Line();
        if (summary.Configurations.Any(c => c.Tolerable.Bound != ToleranceBound.Interpolated))
        {
            Line("\"< x\": the lowest grid rate x already fails. \">= x\": no grid rate fails, up to the highest x.").Line();
        }

        ChipSpreadTable.Write(text => Line(text), summary);
        return this;
    }

    /// <summary>Writes the report atomically (a temporary file, then a rename), replacing the file if it exists.</summary>
    /// <param name="path">Usually the campaign folder's <c>report.md</c>.</param>
    public void Write(string path) => AtomicFile.WriteText(path, Text);

    /// <summary>A fraction as a percentage with up to two decimals: 0.5 is "50%", 0.0125 is "1.25%".</summary>
    /// <param name="fraction">The fraction.</param>
    /// <returns>The text.</returns>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>An accuracy as a percentage with two decimals: 0.919 is "91.90%".</summary>
    /// <param name="fraction">The accuracy.</param>
    /// <returns>The text.</returns>
    public static string Accuracy(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
