using MapDsl.Runtime.Campaigns;

namespace MapDsl.Runtime.Tests.Campaigns;

public sealed class CampaignRunnerTests : CampaignFolder
{
    private static readonly CampaignPlan Plan = new(CampaignPlanTests.Configurations, new RateGrid(1e-4, 0.3, 2), FaultMix.Parse("9.04:1.75"), chips: 3);

    private static HashSet<TrialRow> Expected(IEnumerable<Trial> trials) => [.. trials.Select(t => new TrialRow(t, FakeWorker.Accuracy(t)))];

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_full_run_writes_exactly_the_plan(int workers)
    {
        string path = FileIn("trials.csv");
        var reports = new List<CampaignProgress>();

        CampaignRunResult result;
        using (TrialsFile file = TrialsFile.Open(path))
        {
            result = new CampaignRunner(() => new FakeWorker(), workers).Run(Plan.Trials, file, reports.Add);
        }

        result.ShouldBe(new CampaignRunResult(Plan.Trials.Count, 0, 0));
        IReadOnlyList<TrialRow> rows = TrialsFile.ReadRows(path);
        rows.Count.ShouldBe(Plan.Trials.Count);
        rows.ToHashSet().SetEquals(Expected(Plan.Trials)).ShouldBeTrue();
        reports.Select(r => r.Done).ShouldBe(Enumerable.Range(1, Plan.Trials.Count));
        reports.ShouldAllBe(r => r.Total == Plan.Trials.Count);
    }

    [Fact]
    public void A_cancelled_run_resumed_gives_the_same_rows_without_duplicates()
    {
        string path = FileIn("trials.csv");
        using var cancel = new CancellationTokenSource();
        CampaignRunResult first;
        using (TrialsFile file = TrialsFile.Open(path))
        {
            first = new CampaignRunner(() => new FakeWorker(), workers: 2)
                .Run(Plan.Trials, file, p => { if (p.Completed == 25) { cancel.Cancel(); } }, cancel.Token);
        }

        first.Completed.ShouldBeGreaterThanOrEqualTo(25);
        first.Completed.ShouldBeLessThanOrEqualTo(26); // the other thread's trial in flight finishes
        first.Left.ShouldBe(Plan.Trials.Count - first.Completed);
        first.IsComplete.ShouldBeFalse();
        TrialsFile.ReadRows(path).Count.ShouldBe(first.Completed);

        CampaignRunResult second;
        using (TrialsFile file = TrialsFile.Open(path))
        {
            second = new CampaignRunner(() => new FakeWorker(), workers: 3).Run(Plan.Trials, file);
        }

        second.ShouldBe(new CampaignRunResult(Plan.Trials.Count - first.Completed, first.Completed, 0));
        string[] lines = File.ReadAllLines(path);
        lines.Length.ShouldBe(1 + Plan.Trials.Count);
        lines.Distinct().Count().ShouldBe(lines.Length);
        TrialsFile.ReadRows(path).ToHashSet().SetEquals(Expected(Plan.Trials)).ShouldBeTrue();
    }

    [Fact]
    public void Two_shards_run_separately_and_merged_summarise_like_one_unsplit_run()
    {
        string whole = FileIn("trials.csv"), one = FileIn("trials-1.csv"), two = FileIn("trials-2.csv");
        foreach ((string path, IReadOnlyList<Trial> trials, int workers) in new[] { (whole, Plan.Trials, 2), (one, Plan.Shard(1, 2), 1), (two, Plan.Shard(2, 2), 2) })
        {
            using TrialsFile file = TrialsFile.Open(path);
            new CampaignRunner(() => new FakeWorker(), workers).Run(trials, file).IsComplete.ShouldBeTrue();
        }

        CampaignSummary unsplit = CampaignSummary.From(TrialsFile.ReadRows(whole));
        CampaignSummary merged = CampaignSummary.From(TrialsFile.ReadRows(one, two));

        merged.SummaryCsv().ShouldBe(unsplit.SummaryCsv());
        merged.CurvesCsv().ShouldBe(unsplit.CurvesCsv());
        unsplit.Configurations.Count.ShouldBe(4);
        unsplit.Configurations.ShouldAllBe(c => c.Tolerable.Bound == ToleranceBound.Interpolated);
    }

    [Fact]
    public void A_throwing_worker_stops_the_run_and_leaves_the_rows_finished_before_it()
    {
        string path = FileIn("trials.csv");
        Trial poison = Plan.Trials[30];

        var error = Should.Throw<InvalidDataException>(() =>
        {
            using TrialsFile file = TrialsFile.Open(path);
            new CampaignRunner(() => new FakeWorker(t => { if (t == poison) { throw new InvalidDataException("bad weights"); } }), workers: 1)
                .Run(Plan.Trials, file);
        });

        error.Message.ShouldBe("bad weights");
        TrialsFile.ReadRows(path).ShouldBe(Plan.Trials.Take(30).Select(t => new TrialRow(t, FakeWorker.Accuracy(t))));
    }

    [Fact]
    public void With_several_workers_a_failure_still_keeps_every_finished_row()
    {
        string path = FileIn("trials.csv");
        Trial poison = Plan.Trials[40];
        using (TrialsFile file = TrialsFile.Open(path))
        {
            Should.Throw<InvalidOperationException>(() => new CampaignRunner(() => new FakeWorker(t => { if (t == poison) { throw new InvalidOperationException("boom"); } }), workers: 3)
                .Run(Plan.Trials, file));
            file.Contains(poison).ShouldBeFalse();
        }

        IReadOnlyList<TrialRow> rows = TrialsFile.ReadRows(path);
        rows.Count.ShouldBeGreaterThanOrEqualTo(40);
        Expected(Plan.Trials).IsSupersetOf(rows).ShouldBeTrue();
        File.ReadAllText(path).ShouldEndWith("\n");
    }

    [Fact]
    public void An_accuracy_outside_0_to_1_is_a_worker_error()
    {
        using TrialsFile file = TrialsFile.Open(FileIn("trials.csv"));

        Should.Throw<InvalidOperationException>(() => new CampaignRunner(() => new PercentWorker(), 1).Run(Plan.Trials, file))
            .Message.ShouldContain("The worker returned accuracy 91 for");
        file.Count.ShouldBe(0);
    }

    private sealed class PercentWorker : ITrialWorker
    {
        public double Evaluate(Trial trial) => 91;
    }
}
