using DifferentialMapping;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Tests.Campaigns;

namespace MapDsl.Examples.Tests;

/// <summary>What the paper's report says, on summaries whose tolerable rates and ratios are known by hand.</summary>
public sealed class ReportTests : CampaignFolder
{
    private static readonly DifferentialExperiment<Lab.Differential.LeNet5.Weights> Experiment = DifferentialExperiment.For(DifferentialExperiment.LeNet);

    // Two-column crosses its threshold at 10^(-4 + 0.5); differential at 10^(-3 + 0.5) when pruned (ratio 10) and at
    // 10^(-4 + 0.9) unpruned (ratio 10^0.4 = 2.51).
    private static CampaignSummary StuckOn() => CampaignSummary.From(
        CrossingRows.For("two-column", 0, 1e-4, 1e-3, 0.5)
            .Concat(CrossingRows.For("differential", 0, 1e-4, 1e-3, 0.9))
            .Concat(CrossingRows.For("two-column", 0.8, 1e-4, 1e-3, 0.5))
            .Concat(CrossingRows.For("differential", 0.8, 1e-3, 1e-2, 0.5)));

    private string Write(string mixed, params CampaignSummary[] summaries)
    {
        var settings = Experiment.SettingsOf("--out", Folder, "--mixed", mixed, "--chips", "3");
        Report.Write(settings, Experiment.Network, Experiment.MixedFaults(settings), networks: null, summaries);
        return File.ReadAllText(FileIn("report.md"));
    }

    [Fact]
    public void The_report_has_setup_ratios_discussion_and_notes()
    {
        var report = Write("none", StuckOn());

        report.ShouldStartWith("# Pruning and differential crossbar mapping under stuck-at faults (LeNet-5, Fashion-MNIST)\n");
        report.ShouldContain("- **network**: LeNet-5 (5 weighted layers, 61470 weights), trained weights models/lenet5.safetensors\n");
        report.ShouldContain("- **chips**: 3 per rate (fault-map seeds 1..3)");
        report.ShouldContain($"- **command**: dotnet run --project examples/DifferentialMapping -- --out {Folder} --mixed none --chips 3\n");
        report.ShouldContain("| 80% | 0.0316% | 0.316% | 10.0× |");
        report.ShouldContain("| 0% | 0.0316% | 0.0794% | 2.51× |");
        report.ShouldContain("At 80% sparsity, differential mapping tolerates 10.0× the two-column stuck-on rate: this reaches the paper's 10×.");
        report.ShouldContain("Unpruned, differential mapping tolerates 2.51× the two-column stuck-on rate: an advantage, but below 5×");
        report.ShouldContain("The effect grows with pruning");
        report.ShouldNotContain("stuck-off faults:");
        report.ShouldContain("## Notes\n\n### What the model includes\n");
        report.ShouldEndWith("### Pruning and fine-tuning\n\n(merged from shards: see the shards' console output for the fine-tuning)\n");
    }

    [Fact]
    public void Bounded_ratios_are_stated_as_bounds()
    {
        var twoColumn = new CampaignConfiguration("DM", "two-column", 0.5);
        var differential = new CampaignConfiguration("DM", "differential", 0.5);
        var summary = CampaignSummary.From(
            SummaryRows.For(twoColumn, 0.9, (1e-4, [0.9]), (1e-3, [0.5]), (0.3, [0.1]))
                .Concat(SummaryRows.For(differential, 0.9, (1e-4, [0.9]), (1e-3, [0.9]), (0.3, [0.9]))));

        var report = Write("none", summary);

        // Two-column: (0.9 - 0.89) / (0.9 - 0.5) = 2.5% of the way from 1e-4 to 1e-3; differential never fails up to 30%.
        report.ShouldContain($"| 50% | 0.0106% | >= 30% | ≥ {Math.Round(0.3 / Math.Pow(10, -4 + 0.025))}× |");
        report.ShouldContain("the ratio is at least 2832×: it reaches the paper's 10× (the grid bounds it only from below)");
        report.ShouldContain("\"≥\" and \"≤\" mark ratios that are only bounds");
        report.ShouldContain("There is no unpruned pair of configurations");
    }

    [Fact]
    public void A_mixed_campaign_gets_its_own_tables_and_a_comparison()
    {
        var mixed = CampaignSummary.From(
            CrossingRows.For("two-column", 0.8, 1e-4, 1e-3, 0.5, stuckOff: 0.2)
                .Concat(CrossingRows.For("differential", 0.8, 1e-4, 1e-3, 0.9, stuckOff: 0.2)));

        var report = Write("1:0.2", StuckOn(), mixed);

        report.ShouldContain("## Results with stuck-off faults: stuck-on plus stuck-off = 0.2 × stuck-on\n\n![accuracy against stuck-on rate](mixed/accuracy-vs-rate.svg)");
        report.ShouldContain("At 80% sparsity, the ratio falls from 10.0× (stuck-on only) to 2.51× (stuck-on plus stuck-off = 0.2 × stuck-on).");
        report.ShouldContain("The ratio is lower with stuck-off faults at every compared sparsity (1), as expected.");
    }
}
