using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Tests.Campaigns;

/// <summary>Campaigns of any fault kind: sweeps, the trials file's columns taken from the plan, resuming and merging.</summary>
public sealed class FaultKindCampaignTests : CampaignFolder
{
    private static readonly CampaignConfiguration Crossbar = new("Q8", "differential", 0);
    private static readonly CampaignConfiguration Systolic = new("OnArray", "weight-stationary", 0.5);

    private static CampaignPlan Plan() => new(
        [
            (Crossbar, [FaultSweep.Only(FaultKind.StuckOn), FaultSweep.Only(FaultKind.StuckOff), FaultSweep.Only(FaultKind.BitFlip)]),
            (Systolic, [FaultSweep.Only(FaultKind.Pe)]),
        ],
        [0.01, 0.001],
        chips: 2);

    [Fact]
    public void Each_sweep_sets_its_own_kind_and_nothing_else()
    {
        var plan = Plan();
        plan.Trials.Count.ShouldBe(2 + (3 + 1) * 2 * 2);
        plan.Trials.Take(2).ShouldAllBe(t => t.IsBaseline);
        var crossbarBitFlips = plan.Trials.Where(t => t.Configuration == Crossbar && t.Rates.BitFlip > 0).ToList();
        crossbarBitFlips.Select(t => t.Rates.BitFlip).Distinct().Order().ShouldBe([0.001, 0.01]);
        crossbarBitFlips.ShouldAllBe(t => t.Rates.StuckOn == 0 && t.Rates.StuckOff == 0 && t.Rates.Pe == 0);
        plan.Trials.Where(t => t.Configuration == Systolic && !t.IsBaseline).ShouldAllBe(t => t.Rates == new FaultRates(0, 0, 0, t.Rates.Pe) && t.Rates.Pe > 0);
        plan.Trials.Distinct().Count().ShouldBe(plan.Trials.Count);
        plan.Mix.ShouldBeNull();
        plan.Columns.Header.ShouldBe("mapping,scheme,sparsity,stuck_on_rate,stuck_off_rate,bit_flip_rate,pe_rate,chip,accuracy");
    }

    [Fact]
    public void A_stuck_cell_campaign_keeps_the_seven_columns()
    {
        var plan = new CampaignPlan([Crossbar], [0.01], FaultMix.ProportionalStuckOff(0.5), chips: 1);
        plan.Columns.ShouldBe(TrialColumns.StuckCells);
        plan.Columns.Header.ShouldBe(TrialsFile.Header);
        plan.Trials[1].Rates.ShouldBe(new FaultRates(0.01, 0.005, 0, 0));
    }

    [Fact]
    public void Rows_of_every_kind_are_written_resumed_and_merged_exactly()
    {
        var plan = Plan();
        var path = FileIn("trials.csv");
        var accuracies = plan.Trials.Select((t, i) => (Trial: t, Accuracy: (i % 7) / 8.0)).ToList();
        using (var file = TrialsFile.Open(path, plan.Columns))
        {
            foreach (var (trial, accuracy) in accuracies.Take(5))
            {
                file.Append(trial, accuracy);
            }
        }

        File.ReadLines(path).First().ShouldBe(plan.Columns.Header);
        using (var reopened = TrialsFile.Open(path, plan.Columns))
        {
            reopened.Columns.ShouldBe(plan.Columns);
            reopened.Count.ShouldBe(5);
            foreach (var (trial, accuracy) in accuracies.Skip(5))
            {
                reopened.Contains(trial).ShouldBeFalse();
                reopened.Append(trial, accuracy);
            }
        }

        var rows = TrialsFile.ReadRows(path);
        rows.Select(r => (r.Trial, r.Accuracy)).ShouldBe(accuracies);
        var merged = FileIn("merged.csv");
        TrialsFile.WriteAll(merged, rows);
        File.ReadAllText(merged).ShouldBe(File.ReadAllText(path));
    }

    [Fact]
    public void A_trials_file_of_other_columns_is_refused_with_both_headers()
    {
        var path = FileIn("trials.csv");
        using (TrialsFile.Open(path))
        {
        }

        var error = Should.Throw<CampaignFileException>(() => TrialsFile.Open(path, Plan().Columns));
        error.Line.ShouldBe(1);
        error.Problem.ShouldContain($"has the columns '{TrialsFile.Header}', but the campaign writes '{Plan().Columns.Header}'");
    }

    [Fact]
    public void A_stuck_cell_file_cannot_hold_a_bit_flip_trial()
    {
        using var file = TrialsFile.Open(FileIn("trials.csv"));
        Should.Throw<ArgumentException>(() => file.Append(new Trial(Crossbar, new FaultRates(0, 0, 0.01, 0), 1), 0.5))
            .Message.ShouldContain("has fault rates this file has no column for");
    }

    [Fact]
    public void A_summary_has_one_curve_per_configuration_and_swept_kind()
    {
        // Accuracy falls with the swept rate: 0.9 fault-free, 0.895 at 0.1%, 0.5 at 1%.
        var rows = Plan().Trials.Select(t => new TrialRow(t, t.IsBaseline ? 0.9 : t.Rates.StuckOn + t.Rates.StuckOff + t.Rates.BitFlip + t.Rates.Pe > 0.005 ? 0.5 : 0.895));

        var summary = CampaignSummary.From(rows);

        summary.Configurations.Select(c => (c.Configuration.Mapping, c.Swept)).ShouldBe(
            [("Q8", FaultKind.StuckOn), ("Q8", FaultKind.StuckOff), ("Q8", FaultKind.BitFlip), ("OnArray", FaultKind.Pe)]);
        summary.Configurations.ShouldAllBe(c => c.Points.Count == 2 && c.Points[0].Rate == 0.001 && c.Points[1].Chips == 2);
        summary.Configurations.ShouldAllBe(c => c.Tolerable.Bound == ToleranceBound.Interpolated);
        summary.SummaryCsv().Split('\n')[0].ShouldBe("scheme,sparsity,fault,baseline_accuracy,tolerable_rate");
        summary.SummaryCsv().Split('\n')[3].ShouldStartWith("differential,0,bit-flip,0.9,");
        summary.CurvesCsv().Split('\n')[0].ShouldBe("mapping,scheme,sparsity,stuck_on_rate,stuck_off_rate,bit_flip_rate,pe_rate,chips,mean_accuracy,std_accuracy,worst_accuracy,best_accuracy");
        summary.CurvesCsv().ShouldContain("OnArray,weight-stationary,0.5,0,0,0,0.01,2,0.5,0,0.5,0.5\n");
    }

    [Fact]
    public void A_summary_of_one_kind_names_it_in_the_tolerable_column()
    {
        var plan = new CampaignPlan([(Systolic, (IReadOnlyList<FaultSweep>)[FaultSweep.Only(FaultKind.Pe)])], [0.01, 0.02], chips: 1);
        var summary = CampaignSummary.From(plan.Trials.Select(t => new TrialRow(t, 0.9)));

        summary.SummaryCsv().ShouldBe("scheme,sparsity,baseline_accuracy,tolerable_pe_rate\nweight-stationary,0.5,0.9,0.02\n");
    }

    [Theory]
    [InlineData("mapping,scheme,sparsity,pe_rate,chip,accuracy", true)]
    [InlineData("mapping,scheme,sparsity,bit_flip_rate,chip,accuracy", true)]
    [InlineData("mapping,scheme,sparsity,stuck_on_rate,chip,accuracy", false)]
    [InlineData("mapping,scheme,sparsity,pe_rate,bit_flip_rate,chip,accuracy", false)]
    [InlineData("mapping,scheme,sparsity,pe_rate,pe_rate,chip,accuracy", false)]
    [InlineData("mapping,scheme,sparsity,chip,accuracy", false)]
    public void Only_headers_in_the_fixed_column_order_are_trials_headers(string header, bool valid)
    {
        (TrialColumns.FromHeader(header) is not null).ShouldBe(valid);
    }
}

/// <summary>Axes an experiment adds to its configurations (retraining epochs, a method): columns, resume, summaries.</summary>
public sealed class ConfigurationAxisTests : CampaignFolder
{
    private static readonly CampaignConfiguration OnArray = new("OnArray", "weight-stationary", 0);

    private static CampaignPlan Plan() => new(
        new[] { 0, 0.5, 2 }.Select(epochs => (OnArray.With("epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture)).With("method", "fat"),
            (IReadOnlyList<FaultSweep>)[FaultSweep.Only(FaultKind.Pe)])),
        [0.01, 0.05],
        chips: 2);

    [Fact]
    public void Axes_are_columns_after_sparsity_and_round_trip_through_the_file()
    {
        var plan = Plan();
        plan.Columns.Header.ShouldBe("mapping,scheme,sparsity,epochs,method,pe_rate,chip,accuracy");
        plan.Trials.Count.ShouldBe(3 * (1 + 2 * 2));
        var path = FileIn("trials.csv");
        using (var file = TrialsFile.Open(path, plan.Columns))
        {
            foreach (var trial in plan.Trials)
            {
                file.Append(trial, trial.IsBaseline ? 0.9 : 0.5);
            }
        }

        File.ReadLines(path).ElementAt(2).ShouldBe("OnArray,weight-stationary,0,0.5,fat,0,0,0.9");
        TrialsFile.ReadRows(path).Select(r => r.Trial).ShouldBe(plan.Trials);
        using var reopened = TrialsFile.Open(path, plan.Columns);
        plan.Trials.ShouldAllBe(t => reopened.Contains(t));
    }

    [Fact]
    public void A_summary_has_a_row_per_axis_value()
    {
        var plan = Plan();
        var summary = CampaignSummary.From(plan.Trials.Select(t => new TrialRow(t, t.IsBaseline ? 0.9 : 0.85)));

        summary.SummaryCsv().Split('\n')[0].ShouldBe("scheme,sparsity,epochs,method,baseline_accuracy,tolerable_pe_rate");
        summary.SummaryCsv().Split('\n').Skip(1).Where(l => l.Length > 0).ShouldBe(
            ["weight-stationary,0,0,fat,0.9,0", "weight-stationary,0,0.5,fat,0.9,0", "weight-stationary,0,2,fat,0.9,0"]);
        summary.CurvesCsv().Split('\n')[0].ShouldStartWith("mapping,scheme,sparsity,epochs,method,pe_rate,chips,");
    }

    [Theory]
    [InlineData("Epochs")]
    [InlineData("chip")]
    [InlineData("pe_rate")]
    [InlineData("two words")]
    [InlineData("")]
    public void An_axis_name_must_be_an_unambiguous_column(string name)
    {
        Should.Throw<ArgumentException>(() => new ConfigurationAxis(name, "1"));
    }

    [Fact]
    public void Configurations_with_different_axes_cannot_share_a_plan()
    {
        Should.Throw<ArgumentException>(() => new CampaignPlan(
            [(OnArray.With("epochs", "1"), (IReadOnlyList<FaultSweep>)[FaultSweep.Only(FaultKind.Pe)]), (OnArray, [FaultSweep.Only(FaultKind.Pe)])],
            [0.01],
            chips: 1)).Message.ShouldContain("must have the same axes");
    }

    [Fact]
    public void Configurations_differ_by_their_axes()
    {
        OnArray.With("epochs", "1").ShouldBe(OnArray.With("epochs", "1"));
        OnArray.With("epochs", "1").ShouldNotBe(OnArray.With("epochs", "2"));
        OnArray.With("epochs", "1").ShouldNotBe(OnArray);
        OnArray.With("epochs", "1").GetHashCode().ShouldBe(OnArray.With("epochs", "1").GetHashCode());
    }
}
