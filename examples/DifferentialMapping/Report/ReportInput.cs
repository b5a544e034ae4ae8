using MapDsl.Runtime.Campaigns;

namespace DifferentialMapping;

/// <summary>What <see cref="CampaignReport"/> writes about: the campaign's setup, its summary, and optionally a second campaign with stuck-off faults.</summary>
internal sealed class ReportInput
{
    /// <summary>The report's title (first heading).</summary>
    public required string Title { get; init; }

    /// <summary>
    /// The setup as key/value lines, in the order given, e.g. ("network", "LeNet-5, 91.2% on Fashion-MNIST"),
    /// ("chips", "20 per rate, seeds 1..20"), ("grid", ...), ("fault mix", ...), ("pruning", ...), ("fine-tuning", ...),
    /// ("seeds", ...), ("command line", ...). Values are written as given.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Setup { get; init; } = [];

    /// <summary>The main (usually stuck-on only) campaign's summary.</summary>
    public required CampaignSummary Summary { get; init; }

    /// <summary>The fault mix of <see cref="Summary"/>.</summary>
    public required FaultMix Mix { get; init; }

    /// <summary>A second campaign with stuck-off faults as well, or null.</summary>
    public CampaignSummary? MixedSummary { get; init; }

    /// <summary>The fault mix of <see cref="MixedSummary"/>; required when it is set.</summary>
    public FaultMix? MixedMix { get; init; }

    /// <summary>The plot of <see cref="Summary"/>, relative to the report's folder.</summary>
    public string PlotFile { get; init; } = "accuracy-vs-rate.svg";

    /// <summary>The plot of <see cref="MixedSummary"/>, relative to the report's folder, or null for none.</summary>
    public string? MixedPlotFile { get; init; }

    /// <summary>The heading of the free-text section.</summary>
    public string NotesTitle { get; init; } = "Notes";

    /// <summary>Free Markdown text appended as the last section, or null for none.</summary>
    public string? Notes { get; init; }
}
