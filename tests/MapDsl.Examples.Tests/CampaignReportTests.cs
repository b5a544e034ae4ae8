using DifferentialMapping;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Tests.Campaigns;

namespace MapDsl.Examples.Tests;

public sealed class CampaignReportTests : CampaignFolder
{
    // Two-column crosses its threshold (0.9 - 0.01) at 10^(-4 + 0.5); differential at 10^(-3 + 0.5) when pruned
    // (ratio 10) and at 10^(-4 + 0.9) unpruned (ratio 10^0.4 = 2.51).
    private static IEnumerable<TrialRow> Crossing(string scheme, double sparsity, double passing, double failing, double fraction, double stuckOff = 0)
    {
        var config = new CampaignConfiguration("DM", scheme, sparsity);
        yield return new TrialRow(Trial.Baseline(config), 0.9);
        yield return new TrialRow(new Trial(config, passing, stuckOff * passing, 1), 0.9);
        yield return new TrialRow(new Trial(config, failing, stuckOff * failing, 1), 0.9 - 0.01 / fraction);
    }

    private static CampaignSummary StuckOn() => CampaignSummary.From(
        Crossing("two-column", 0, 1e-4, 1e-3, 0.5)
            .Concat(Crossing("differential", 0, 1e-4, 1e-3, 0.9))
            .Concat(Crossing("two-column", 0.8, 1e-4, 1e-3, 0.5))
            .Concat(Crossing("differential", 0.8, 1e-3, 1e-2, 0.5)));

    [Fact]
    public void The_ratio_table_has_the_right_ratio_per_sparsity()
    {
        IReadOnlyList<ToleranceRatio> ratios = ToleranceRatio.Of(StuckOn());

        ratios.Select(r => r.Sparsity).ShouldBe([0, 0.8]);
        ratios.ShouldAllBe(r => r.Bound == RatioBound.Exact);
        ratios[0].Value!.Value.ShouldBe(Math.Pow(10, 0.4), 1e-9);
        ratios[1].Value!.Value.ShouldBe(10, 1e-9);
    }

    [Fact]
    public void The_report_has_setup_tables_discussion_and_notes()
    {
        string path = FileIn("report.md");

        CampaignReport.WriteMarkdown(path, new ReportInput
        {
            Title = "Stuck-on tolerance of LeNet-5",
            Setup = [new("network", "LeNet-5"), new("chips", "1 per rate")],
            Summary = StuckOn(),
            Mix = FaultMix.StuckOnOnly,
            Notes = "Written by hand.",
        });

        string report = File.ReadAllText(path);
        report.ShouldStartWith("# Stuck-on tolerance of LeNet-5\n");
        report.ShouldContain("- **network**: LeNet-5\n- **chips**: 1 per rate\n");
        report.ShouldContain("## Results: stuck-on only\n");
        report.ShouldContain("![accuracy against stuck-on rate](accuracy-vs-rate.svg)");
        report.ShouldContain("| differential | 80% | 90.00% | 0.316% |");
        report.ShouldContain("| two-column | 80% | 90.00% | 0.0316% |");
        report.ShouldContain("| 80% | 0.0316% | 0.316% | 10.0× |");
        report.ShouldContain("| 0% | 0.0316% | 0.0794% | 2.51× |");
        report.ShouldContain("At 80% sparsity, differential mapping tolerates 10.0× the two-column stuck-on rate: this reaches the paper's 10×.");
        report.ShouldContain("Unpruned, differential mapping tolerates 2.51× the two-column stuck-on rate: an advantage, but below 5×");
        report.ShouldContain("The effect grows with pruning");
        report.ShouldEndWith("## Notes\n\nWritten by hand.\n");
    }

    [Fact]
    public void Bounded_rates_and_ratios_are_stated_as_bounds()
    {
        var twoColumn = new CampaignConfiguration("DM", "two-column", 0.5);
        var differential = new CampaignConfiguration("DM", "differential", 0.5);
        CampaignSummary summary = CampaignSummary.From(
            SummaryRows.For(twoColumn, 0.9, (1e-4, [0.9]), (1e-3, [0.5]), (0.3, [0.1]))
                .Concat(SummaryRows.For(differential, 0.9, (1e-4, [0.9]), (1e-3, [0.9]), (0.3, [0.9]))));

        string report = CampaignReport.Markdown(new ReportInput { Title = "t", Summary = summary, Mix = FaultMix.StuckOnOnly });

        ToleranceRatio ratio = ToleranceRatio.Of(summary).ShouldHaveSingleItem();
        ratio.Bound.ShouldBe(RatioBound.AtLeast);
        report.ShouldContain("| differential | 50% | 90.00% | >= 30% |");
        // Two-column: (0.9 - 0.89) / (0.9 - 0.5) = 2.5% of the way from 1e-4 to 1e-3; differential never fails up to 30%.
        report.ShouldContain("| two-column | 50% | 90.00% | 0.0106% |");
        report.ShouldContain($"| 50% | 0.0106% | >= 30% | ≥ {Math.Round(0.3 / Math.Pow(10, -4 + 0.025))}× |");
        report.ShouldContain("the ratio is at least 2832×: it reaches the paper's 10× (the grid bounds it only from below)");
        report.ShouldContain("\"≥\" and \"≤\" mark ratios that are only bounds");
        report.ShouldContain("There is no unpruned pair of configurations");
    }

    [Fact]
    public void A_mixed_campaign_gets_its_own_tables_and_a_comparison()
    {
        CampaignSummary mixed = CampaignSummary.From(
            Crossing("two-column", 0.8, 1e-4, 1e-3, 0.5, stuckOff: 0.2)
                .Concat(Crossing("differential", 0.8, 1e-4, 1e-3, 0.9, stuckOff: 0.2)));

        string report = CampaignReport.Markdown(new ReportInput
        {
            Title = "t",
            Summary = StuckOn(),
            Mix = FaultMix.StuckOnOnly,
            MixedSummary = mixed,
            MixedMix = FaultMix.ProportionalStuckOff(0.2),
        });

        report.ShouldContain("## Results with stuck-off faults: stuck-on plus stuck-off = 0.2 × stuck-on\n");
        report.ShouldContain("At 80% sparsity, the ratio falls from 10.0× (stuck-on only) to 2.51× (stuck-on plus stuck-off = 0.2 × stuck-on).");
        report.ShouldContain("its zero weights rest at G_on, so a stuck-off cell pulls them away from 0");
        report.ShouldContain("The ratio is lower with stuck-off faults at every compared sparsity (1), as expected.");
    }
}
