using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Campaigns.Reports;
using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Tests.Campaigns.Reports;

/// <summary>The blocks of a campaign report, on summaries whose tolerable rates are known by hand.</summary>
public sealed class CampaignMarkdownTests : CampaignFolder
{
    private static CampaignSummary Summary() => CampaignSummary.From(
        CrossingRows.For("two-column", 0.8, 1e-4, 1e-3, 0.5)
            .Concat(CrossingRows.For("differential", 0.8, 1e-3, 1e-2, 0.5)));

    [Fact]
    public void A_report_has_its_title_setup_definition_and_results_in_order()
    {
        var path = FileIn("report.md");

        new CampaignMarkdown("Stuck-on tolerance")
            .Setup([("network", "LeNet-5"), ("chips", "1 per rate")])
            .ToleranceDefinition(FaultKind.StuckOn)
            .Results("Results: stuck-on only", Summary(), "accuracy-vs-rate.svg")
            .Heading("Notes")
            .Line("Written by hand.")
            .Write(path);

        var report = File.ReadAllText(path);
        report.ShouldStartWith("# Stuck-on tolerance\n\n## Setup\n\n- **network**: LeNet-5\n- **chips**: 1 per rate\n\nA configuration tolerates a stuck-on rate while its mean accuracy over the chips stays within 1 percentage point");
        report.ShouldContain("## Results: stuck-on only\n\n![accuracy against stuck-on rate](accuracy-vs-rate.svg)\n\n| scheme | sparsity | baseline accuracy | tolerable stuck-on rate |\n|---|---:|---:|---:|\n");
        // Crossing halfway (in log rate) between the grid rates: 10^-3.5 and 10^-2.5.
        report.ShouldContain("| differential | 80% | 90.00% | 0.316% |\n| two-column | 80% | 90.00% | 0.0316% |\n\n");
        report.ShouldNotContain("\"< x\"");
        report.ShouldContain("### Accuracy over the chips");
        report.ShouldEndWith("## Notes\n\nWritten by hand.\n");
    }

    [Fact]
    public void Rates_beyond_the_grid_are_written_as_bounds_and_explained()
    {
        var config = new CampaignConfiguration("M", "differential", 0.5);
        var summary = CampaignSummary.From(SummaryRows.For(config, 0.9, (1e-4, [0.9]), (1e-3, [0.9]), (0.3, [0.9])));

        var report = new CampaignMarkdown("t").Results("r", summary, plotFile: null).Text;

        report.ShouldContain("| differential | 50% | 90.00% | >= 30% |");
        report.ShouldContain("\"< x\": the lowest grid rate x already fails. \">= x\": no grid rate fails, up to the highest x.");
        report.ShouldNotContain("![");
    }

    [Fact]
    public void An_empty_setup_writes_no_setup_section() =>
        new CampaignMarkdown("t").Setup([]).Text.ShouldBe("# t\n\n");
}
