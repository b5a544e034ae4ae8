using System.Globalization;
using MapDsl.Runtime.Campaigns;

namespace MapDsl.Runtime.Tests.Campaigns;

/// <summary>
/// A campaign's trials.csv rows do not depend on how it was run: 1 or 2 worker threads, 1, 2 or 3 shards merged, the
/// invariant culture or one with a decimal comma (de-DE) or a dotless i (tr-TR) on every thread, first or second run.
/// The worker is the cheap <see cref="FakeWorker"/>; MapDsl.Examples.Tests (CampaignDeterminismTests) runs the same
/// comparison on the real experiment in child processes.
/// </summary>
public sealed class CampaignDeterminismTests : CampaignFolder
{
    // Stuck-off rates from a ratio give rates with 17 significant digits, and the fake accuracies have as many: any
    // culture-formatted or shortened number would change a row.
    private static readonly CampaignPlan Plan = new(CampaignPlanTests.Configurations, new RateGrid(1e-4, 0.3, 3), FaultMix.Parse("9.04:1.75"), chips: 4);

    public static TheoryData<string, int, int> Runs()
    {
        var runs = new TheoryData<string, int, int>();
        foreach (string culture in new[] { "", "de-DE", "tr-TR" })
        {
            foreach (int workers in new[] { 1, 2 })
            {
                foreach (int shards in new[] { 1, 2, 3 })
                {
                    runs.Add(culture, workers, shards);
                }
            }
        }

        return runs;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_sorted_rows_equal_those_of_one_invariant_single_threaded_unsplit_run(string culture, int workers, int shards)
    {
        string[] reference = SortedRows(Run("reference", CultureInfo.InvariantCulture, workers: 1, shards: 1));

        string[] rows = SortedRows(Run("run", CultureInfo.GetCultureInfo(culture), workers, shards));

        rows.Length.ShouldBe(1 + Plan.Trials.Count);
        rows.ShouldBe(reference);
    }

    [Fact]
    public void Two_runs_write_the_same_rows_and_the_same_summary()
    {
        string first = Run("first", CultureInfo.GetCultureInfo("de-DE"), workers: 2, shards: 1);
        string second = Run("second", CultureInfo.GetCultureInfo("de-DE"), workers: 2, shards: 1);

        SortedRows(second).ShouldBe(SortedRows(first));
        CampaignSummary.From(TrialsFile.ReadRows(second)).SummaryCsv().ShouldBe(CampaignSummary.From(TrialsFile.ReadRows(first)).SummaryCsv());
    }

    [Fact]
    public void The_cultures_really_differ_from_the_invariant_one()
    {
        // Without ICU (invariant globalization mode) every culture would format like the invariant one and the
        // comparisons above would prove nothing.
        CultureInfo.GetCultureInfo("de-DE").NumberFormat.NumberDecimalSeparator.ShouldBe(",");
        "i".ToUpper(CultureInfo.GetCultureInfo("tr-TR")).ShouldBe("\u0130");
        0.5.ToString(CultureInfo.GetCultureInfo("de-DE")).ShouldBe("0,5");
    }

    /// <summary>Runs the plan in <paramref name="shards"/> shard files and merges them as --merge does; returns the merged file.</summary>
    private string Run(string name, CultureInfo culture, int workers, int shards)
    {
        CultureInfo before = CultureInfo.CurrentCulture, beforeUi = CultureInfo.CurrentUICulture;
        try
        {
            SetCulture(culture);
            var shardFiles = new List<string>();
            for (int shard = 1; shard <= shards; shard++)
            {
                string path = FileIn($"{name}-{culture.Name}-{workers}-{shard}-of-{shards}.csv");
                using (TrialsFile file = TrialsFile.Open(path, Plan.Columns))
                {
                    // The factory runs on each worker thread: the culture is set where the rows are formatted.
                    new CampaignRunner(() => { SetCulture(culture); return new FakeWorker(); }, workers).Run(Plan.Shard(shard, shards), file);
                }

                shardFiles.Add(path);
            }

            string merged = FileIn($"{name}-{culture.Name}-{workers}-merged-{shards}.csv");
            TrialsFile.WriteAll(merged, TrialsFile.ReadRows([.. shardFiles]), Plan.Columns);
            return merged;
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }

    private static void SetCulture(CultureInfo culture)
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    private static string[] SortedRows(string path)
    {
        string[] lines = File.ReadAllLines(path);
        return [lines[0], .. lines.Skip(1).Order(StringComparer.Ordinal)];
    }
}
