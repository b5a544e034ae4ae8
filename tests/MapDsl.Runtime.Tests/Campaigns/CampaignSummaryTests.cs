using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Campaigns;

namespace MapDsl.Runtime.Tests.Campaigns;

public sealed class CampaignSummaryTests : CampaignFolder
{
    private static readonly CampaignConfiguration TwoColumn = new("DM", "two-column", 0.8);
    private static readonly CampaignConfiguration Differential = new("DM", "differential", 0.8);

    [Fact]
    public void The_tolerable_rate_is_interpolated_in_log_rate_where_the_mean_crosses_baseline_minus_1_point()
    {
        // Threshold 0.905 - 0.01 = 0.895. 1e-4 passes (0.905), 1e-3 passes (mean 0.90), 1e-2 fails (mean 0.80):
        // the crossing is 0.005 / 0.10 = 5% of the way from 1e-3 to 1e-2 in log10, at 10^(-3 + 0.05).
        CampaignSummary summary = CampaignSummary.From(SummaryRows.For(TwoColumn, 0.905,
            (1e-4, [0.905, 0.905]), (1e-3, [0.91, 0.89]), (1e-2, [0.85, 0.75]), (1e-1, [0.1, 0.1])));

        ConfigurationSummary config = summary.Configurations.ShouldHaveSingleItem();
        config.BaselineAccuracy.ShouldBe(0.905);
        config.Threshold.ShouldBe(0.895, 1e-15);
        config.Tolerable.Bound.ShouldBe(ToleranceBound.Interpolated);
        config.Tolerable.Rate!.Value.ShouldBe(Math.Pow(10, -3 + 0.05), 1e-12);
        config.Tolerable.LastPassingRate.ShouldBe(1e-3);
        config.Tolerable.FirstFailingRate.ShouldBe(1e-2);
        config.Tolerable.CsvValue.ShouldBe(config.Tolerable.Rate!.Value);
    }

    [Fact]
    public void Each_point_has_chips_mean_sample_deviation_worst_and_best()
    {
        CampaignSummary summary = CampaignSummary.From(SummaryRows.For(TwoColumn, 0.9, (1e-3, [0.8, 0.9, 0.7]), (1e-2, [0.5])));

        IReadOnlyList<CurvePoint> points = summary.Configurations[0].Points;
        points[0].ShouldBe(points[0] with { Rate = 1e-3, Rates = new FaultRates(1e-3, 0, 0, 0), Chips = 3, Worst = 0.7, Best = 0.9 });
        points[0].Mean.ShouldBe(0.8, 1e-15);
        points[0].StandardDeviation.ShouldBe(0.1, 1e-15); // sqrt((0.01 + 0.01 + 0) / 2)
        points[1].ShouldBe(new CurvePoint(1e-2, new FaultRates(1e-2, 0, 0, 0), 1, 0.5, 0, 0.5, 0.5));
    }

    [Fact]
    public void A_failing_lowest_rate_is_below_the_grid()
    {
        CampaignSummary summary = CampaignSummary.From(SummaryRows.For(TwoColumn, 0.9, (1e-4, [0.85]), (1e-3, [0.95])));

        TolerableRate tolerable = summary.Configurations[0].Tolerable;
        tolerable.Bound.ShouldBe(ToleranceBound.BelowGrid);
        tolerable.Rate.ShouldBeNull();
        tolerable.CsvValue.ShouldBe(0);
        tolerable.Describe().ShouldBe("< 0.01%");
    }

    [Fact]
    public void No_failing_rate_gives_at_least_the_highest_rate()
    {
        CampaignSummary summary = CampaignSummary.From(SummaryRows.For(TwoColumn, 0.9, (1e-4, [0.9]), (0.3, [0.891])));

        TolerableRate tolerable = summary.Configurations[0].Tolerable;
        tolerable.Bound.ShouldBe(ToleranceBound.AtLeastHighest);
        tolerable.Rate.ShouldBe(0.3);
        tolerable.CsvValue.ShouldBe(0.3);
        tolerable.Describe().ShouldBe(">= 30%");
    }

    [Fact]
    public void Summary_and_curves_csv_have_their_headers_and_round_trip_numbers()
    {
        IEnumerable<TrialRow> rows = SummaryRows.For(Differential, 0.9, (1e-3, [0.9, 0.9]), (1e-2, [0.7, 0.8]))
            .Concat(SummaryRows.For(TwoColumn, 0.91, (1e-3, [0.5]), (1e-2, [0.4])));
        CampaignSummary summary = CampaignSummary.From(rows);
        double tolerable = summary.Configurations[0].Tolerable.Rate!.Value; // differential sorts first

        summary.WriteSummaryCsv(FileIn("summary.csv"));
        summary.WriteCurvesCsv(FileIn("curves.csv"));

        File.ReadAllText(FileIn("summary.csv")).ShouldBe(
            "scheme,sparsity,baseline_accuracy,tolerable_stuck_on_rate\n" +
            $"differential,0.8,0.9,{RateText.Format(tolerable)}\n" +
            "two-column,0.8,0.91,0\n");
        File.ReadAllText(FileIn("curves.csv")).ShouldBe(
            "mapping,scheme,sparsity,stuck_on_rate,stuck_off_rate,chips,mean_accuracy,std_accuracy,worst_accuracy,best_accuracy\n" +
            "DM,differential,0.8,0.001,0,2,0.9,0,0.9,0.9\n" +
            $"DM,differential,0.8,0.01,0,2,{RateText.Format((0.7 + 0.8) / 2)},{RateText.Format(Math.Sqrt((0.7 - 0.75) * (0.7 - 0.75) + (0.8 - 0.75) * (0.8 - 0.75)))},0.7,0.8\n" +
            "DM,two-column,0.8,0.001,0,1,0.5,0,0.5,0.5\n" +
            "DM,two-column,0.8,0.01,0,1,0.4,0,0.4,0.4\n");
        Directory.GetFiles(Folder).Select(Path.GetFileName).Order().ShouldBe(["curves.csv", "summary.csv"]); // no temporary files left
    }

    [Fact]
    public void The_summary_does_not_depend_on_row_order()
    {
        TrialRow[] rows = [.. SummaryRows.For(Differential, 0.9, (1e-3, [0.91, 0.83, 0.77]), (1e-2, [0.3, 0.1, 0.7]))];

        CampaignSummary forward = CampaignSummary.From(rows);
        CampaignSummary backward = CampaignSummary.From(Enumerable.Reverse(rows));

        backward.CurvesCsv().ShouldBe(forward.CurvesCsv());
        backward.SummaryCsv().ShouldBe(forward.SummaryCsv());
    }

    [Fact]
    public void Missing_baselines_and_mixed_stuck_off_rates_are_errors()
    {
        Should.Throw<ArgumentException>(() => CampaignSummary.From(SummaryRows.For(TwoColumn, 0.9, (1e-3, [0.5])).Skip(1)))
            .Message.ShouldContain("has no baseline row (chip 0, rates 0 and 0)");
        TrialRow[] mixed = [.. SummaryRows.For(TwoColumn, 0.9, (1e-3, [0.5])), new TrialRow(new Trial(TwoColumn, 1e-3, 1e-4, 2), 0.5)];
        Should.Throw<ArgumentException>(() => CampaignSummary.From(mixed)).Message.ShouldContain("with several stuck-off rates");
        Should.Throw<ArgumentException>(() => CampaignSummary.From(SummaryRows.For(TwoColumn, 0.9)))
            .Message.ShouldContain("has only its baseline row");
    }
}
