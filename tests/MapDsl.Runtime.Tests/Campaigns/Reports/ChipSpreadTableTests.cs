using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Campaigns.Reports;

namespace MapDsl.Runtime.Tests.Campaigns.Reports;

/// <summary>The report's table of chip spread at the decade rates, checked against hand-computed statistics.</summary>
public sealed class ChipSpreadTableTests
{
    [Fact]
    public void Decade_rates_show_mean_deviation_and_worst_chip()
    {
        var configuration = new CampaignConfiguration("DM", "differential", 0.5);
        var rows = new List<TrialRow> { new(Trial.Baseline(configuration), 0.9) };
        double[] rates = [1e-3, 10 * 1e-3 / 10 * Math.Sqrt(10), 1e-2];
        double[][] accuracies = [[0.9, 0.8], [0.7, 0.7], [0.6, 0.4]];
        for (var r = 0; r < rates.Length; r++)
        {
            for (var chip = 1; chip <= 2; chip++)
            {
                rows.Add(new TrialRow(new Trial(configuration, rates[r], 0, chip), accuracies[r][chip - 1]));
            }
        }

        var lines = new List<string>();
        ChipSpreadTable.Write(lines.Add, CampaignSummary.From(rows));
        var report = string.Join("\n", lines);

        report.ShouldContain("| scheme | sparsity | 0.1% | 1% |");
        // 0.1%: mean 0.85, sample sd of {0.9, 0.8} = 0.0707; 1%: mean 0.5, sd 0.1414, worst 0.4.
        report.ShouldContain("| differential | 50% | 85.0 ± 7.1 (80.0) | 50.0 ± 14.1 (40.0) |");
    }
}
