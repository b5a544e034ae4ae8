using MapDsl.Runtime.Campaigns;

namespace MapDsl.Runtime.Tests.Campaigns;

public sealed class TrialsFileTests : CampaignFolder
{
    private const string Header = "mapping,scheme,sparsity,stuck_on_rate,stuck_off_rate,chip,accuracy";

    private static readonly CampaignConfiguration Differential = new("DM", "differential", 0.8);
    private static readonly Trial Baseline = Trial.Baseline(Differential);
    private static readonly Trial Faulty = new(Differential, 0.0031622776601683794, 0.0031622776601683794 * (1.75 / 9.04), 3);

    [Fact]
    public void A_new_file_gets_the_header_and_rows_read_back_exactly()
    {
        string path = FileIn("trials.csv");
        using (TrialsFile file = TrialsFile.Open(path))
        {
            file.Count.ShouldBe(0);
            file.Append(Baseline, 0.9063);
            file.Append(Faulty, 1 / 3.0);
            file.Contains(Faulty).ShouldBeTrue();
        }

        File.ReadAllText(path).ShouldBe(
            $"{Header}\nDM,differential,0.8,0,0,0,0.9063\nDM,differential,0.8,0.0031622776601683794,{RateText.Format(Faulty.StuckOffRate)},3,0.3333333333333333\n");
        using TrialsFile reopened = TrialsFile.Open(path);
        reopened.Rows().ShouldBe([new TrialRow(Baseline, 0.9063), new TrialRow(Faulty, 1 / 3.0)]);
        reopened.Contains(new Trial(Differential, 0.0031622776601683794, Faulty.StuckOffRate, 3)).ShouldBeTrue();
        reopened.Contains(new Trial(Differential, 0.0031622776601683794, Faulty.StuckOffRate, 4)).ShouldBeFalse();
        reopened.Contains(new Trial(new CampaignConfiguration("DM", "two-column", 0.8), Faulty.StuckOnRate, Faulty.StuckOffRate, 3)).ShouldBeFalse();
        reopened.TryGetAccuracy(Baseline, out double accuracy).ShouldBeTrue();
        accuracy.ShouldBe(0.9063);
        reopened.DroppedLine.ShouldBeNull();
    }

    [Fact]
    public void A_torn_last_line_is_dropped_and_appending_continues_after_the_last_complete_line()
    {
        string path = FileIn("trials.csv");
        File.WriteAllText(path, $"{Header}\nDM,differential,0.8,0,0,0,0.9063\nDM,differential,0.8,0.01,0,1,0.8");

        using (TrialsFile file = TrialsFile.Open(path))
        {
            file.DroppedLine.ShouldBe("DM,differential,0.8,0.01,0,1,0.8");
            file.Rows().ShouldBe([new TrialRow(Baseline, 0.9063)]);
            file.Contains(new Trial(Differential, 0.01, 0, 1)).ShouldBeFalse();
            new FileInfo(path).Length.ShouldBe($"{Header}\nDM,differential,0.8,0,0,0,0.9063\n".Length); // truncated (the file is locked for reading)
            file.Append(new Trial(Differential, 0.01, 0, 1), 0.85);
        }

        File.ReadAllText(path).ShouldBe($"{Header}\nDM,differential,0.8,0,0,0,0.9063\nDM,differential,0.8,0.01,0,1,0.85\n");
    }

    [Theory]
    [InlineData("")]
    [InlineData("mapping,scheme,spa")]
    public void An_empty_file_or_a_torn_header_starts_over_with_a_header(string content)
    {
        string path = FileIn("trials.csv");
        File.WriteAllText(path, content);

        using (TrialsFile file = TrialsFile.Open(path))
        {
            file.Append(Baseline, 0.5);
        }

        File.ReadAllText(path).ShouldBe($"{Header}\nDM,differential,0.8,0,0,0,0.5\n");
    }

    [Theory]
    [InlineData("DM,differential,0.8,0,0,0", 3, "malformed row: expected 7 comma-separated fields")]
    [InlineData("DM,differential,0.8,x,0,1,0.5", 3, "malformed row: the stuck_on_rate 'x' is not a number.")]
    [InlineData("DM,differential,0.8,0.01,0,-1,0.5", 3, "malformed row: the chip '-1' is not a whole number at least 0.")]
    [InlineData("DM,differential,0.8,0.01,0,1,91.2", 3, "malformed row: Accuracy must be a fraction in [0, 1] (not a percentage), got 91.2.")]
    [InlineData("DM,differential,0.8,0.01,0,0,0.5", 3, "malformed row: Chip 0 is the fault-free baseline")]
    [InlineData("", 3, "malformed row: expected 7 comma-separated fields")]
    [InlineData("DM,differential,0.8,0,0,0,0.7", 3, "was already recorded at line 2 with accuracy 0.9063, and has 0.7 here")]
    public void A_malformed_complete_row_names_the_file_and_line_and_leaves_the_file_alone(string row, int line, string problem)
    {
        string path = FileIn("trials.csv");
        string content = $"{Header}\nDM,differential,0.8,0,0,0,0.9063\n{row}\nDM,differential,0.8,0.1,0,1,0.5\n";
        File.WriteAllText(path, content);

        var error = Should.Throw<CampaignFileException>(() => TrialsFile.Open(path));

        error.Line.ShouldBe(line);
        error.Path.ShouldBe(path);
        error.Problem.ShouldContain(problem);
        error.Message.ShouldStartWith($"{path}, line {line}: ");
        File.ReadAllText(path).ShouldBe(content);
    }

    [Theory]
    [InlineData("scheme,mapping,sparsity,stuck_on_rate,stuck_off_rate,chip,accuracy\n")]
    [InlineData("hello world")]
    public void A_file_with_another_header_is_not_overwritten(string content)
    {
        string path = FileIn("results.csv");
        File.WriteAllText(path, content);

        var error = Should.Throw<CampaignFileException>(() => TrialsFile.Open(path));

        error.Line.ShouldBe(1);
        error.Problem.ShouldContain($"not a trials file: the first line must be a trials header such as '{Header}'");
        File.ReadAllText(path).ShouldBe(content);
    }

    [Fact]
    public void A_trial_is_appended_once_and_accuracy_must_be_a_fraction()
    {
        using TrialsFile file = TrialsFile.Open(FileIn("trials.csv"));
        file.Append(Baseline, 0.9);

        Should.Throw<InvalidOperationException>(() => file.Append(Baseline, 0.9)).Message.ShouldContain("already has a row for");
        Should.Throw<ArgumentOutOfRangeException>(() => file.Append(Faulty, double.NaN));
        file.Count.ShouldBe(1);
    }

    [Fact]
    public void A_file_cannot_be_opened_twice_at_once()
    {
        string path = FileIn("trials.csv");
        using TrialsFile file = TrialsFile.Open(path);

        Should.Throw<IOException>(() => TrialsFile.Open(path)).Message.ShouldBe(
            $"{path} is open in another process, which appends trials to it: a trials file has one writer at a time. Give each process its own file (each shard its own output folder), or wait for the other one to finish.");
        Should.Throw<IOException>(() => TrialsFile.ReadRows(path)).Message.ShouldBe(
            $"{path} is still being written by a running campaign (an unfinished shard?); read it once that run has finished.");
    }

    [Fact]
    public void Merging_shard_files_keeps_identical_duplicates_once()
    {
        string one = FileIn("shard-1.csv"), two = FileIn("shard-2.csv");
        File.WriteAllText(one, $"{Header}\nDM,differential,0.8,0,0,0,0.9063\nDM,differential,0.8,0.01,0,1,0.8\n");
        File.WriteAllText(two, $"{Header}\nDM,differential,0.8,0.01,0,2,0.7\nDM,differential,0.8,0,0,0,0.9063\nDM,differential,0.8,0.01,0,3,0.6");

        IReadOnlyList<TrialRow> rows = TrialsFile.ReadRows(one, two);

        rows.ShouldBe(
        [
            new TrialRow(Baseline, 0.9063),
            new TrialRow(new Trial(Differential, 0.01, 0, 1), 0.8),
            new TrialRow(new Trial(Differential, 0.01, 0, 2), 0.7),
        ]); // the torn last line of shard 2 is ignored, and the file is not changed
        File.ReadAllText(two).ShouldEndWith("0.6");

        string merged = FileIn("merged.csv");
        TrialsFile.WriteAll(merged, rows);
        TrialsFile.ReadRows(merged).ShouldBe(rows);
        File.ReadAllText(merged).ShouldBe($"{Header}\nDM,differential,0.8,0,0,0,0.9063\nDM,differential,0.8,0.01,0,1,0.8\nDM,differential,0.8,0.01,0,2,0.7\n");
    }

    [Fact]
    public void Merging_shard_files_that_disagree_names_both_files()
    {
        string one = FileIn("shard-1.csv"), two = FileIn("shard-2.csv");
        File.WriteAllText(one, $"{Header}\nDM,differential,0.8,0,0,0,0.9063\nDM,differential,0.8,0.01,0,1,0.8\n");
        File.WriteAllText(two, $"{Header}\nDM,differential,0.8,0.01,0,1,0.75\n");

        var error = Should.Throw<CampaignFileException>(() => TrialsFile.ReadRows(one, two));

        error.Path.ShouldBe(two);
        error.Line.ShouldBe(2);
        error.Message.ShouldContain("has accuracy 0.75 here but 0.8 in " + one + ", line 3");
    }
}
