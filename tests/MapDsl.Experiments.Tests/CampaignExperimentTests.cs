using MapDsl.Runtime.Campaigns;
using Spectre.Console;

namespace MapDsl.Experiments.Tests;

/// <summary>What the host does for any experiment: options, runs that resume, shards that merge, stops and errors.</summary>
public sealed class CampaignExperimentTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mapdsl-experiment-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name) => Path.Combine(_root, name);

    private static IAnsiConsole Console(StringWriter? output = null) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output ?? TextWriter.Null), Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors });

    [Fact]
    public void The_standard_options_default_to_the_experiments_run_and_its_own_options_are_read()
    {
        var experiment = new MadeUpExperiment();

        var settings = experiment.SettingsOf();
        (settings.OutputFolder, settings.Chips, settings.Grid.Rates.Count, settings.Weights).ShouldBe((Path.Combine("results", "made-up"), 3, 3, "models/none.safetensors"));
        (settings.Training.Epochs, settings.Training.LearningRate, settings.Training.Seed, settings.Training.Images).ShouldBe((2, 0.003f, 1, (int?)null));
        (settings.Shard, settings.TestImages, settings.CommandLine).ShouldBe((null, null, string.Empty));
        experiment.Campaigns(settings).ShouldHaveSingleItem();

        var other = experiment.SettingsOf("--out", "x", "--chips", "5", "--rates", "1%..30%", "--per-decade", "2", "--shard", "2/3", "--twice", "--test-images", "9", "--weights", "w.safetensors");
        (other.OutputFolder, other.Chips, other.Grid.From, other.Shard, other.TestImages, other.Weights, other.WeightsPath).ShouldBe(("x", 5, 0.01, new ShardSpec(2, 3), (int?)9, "w.safetensors", "w.safetensors"));
        other.CommandLine.ShouldBe("--out x --chips 5 --rates 1%..30% --per-decade 2 --shard 2/3 --twice --test-images 9 --weights w.safetensors");
        experiment.Campaigns(other).Select(c => c.Subfolder).ShouldBe(["", "mixed"]);
    }

    [Theory]
    [InlineData("--chips", "0", "--chips must be at least 1")]
    [InlineData("--epochs", "-1", "--epochs must be 0 or more")]
    [InlineData("--lr", "0", "--lr must be a positive number")]
    [InlineData("--rates", "1%", "LOW..HIGH")]
    [InlineData("--level", "7", "--level must be 1..3")]
    public void A_bad_value_of_a_standard_or_an_own_option_exits_with_2_and_says_why(string option, string value, string message)
    {
        var output = new StringWriter();

        new MadeUpExperiment().Command(Console(output)).Parse([option, value, "--out", Folder("bad")]).Invoke().ShouldBe(2);

        output.ToString().ShouldContain(message);
        Directory.Exists(Folder("bad")).ShouldBeFalse(); // nothing ran
    }

    [Fact]
    public void A_run_writes_every_planned_trial_once_and_a_second_run_only_reports()
    {
        var experiment = new MadeUpExperiment();
        var settings = experiment.SettingsOf("--out", Folder("run"), "--twice");

        var first = experiment.Run(settings, Console(), CancellationToken.None);
        var trials = File.ReadAllText(Path.Combine(Folder("run"), "trials.csv"));
        var second = experiment.Run(settings, Console(), CancellationToken.None);

        var plan = experiment.Campaigns(settings)[0].Plan;
        TrialsFile.ReadRows(Path.Combine(Folder("run"), "trials.csv")).ShouldAllBe(r => r.Accuracy == MadeUpExperiment.Accuracy(r.Trial));
        TrialsFile.ReadRows(Path.Combine(Folder("run"), "trials.csv")).Count.ShouldBe(plan.Trials.Count);
        experiment.Batches.ShouldBe([plan.Trials.Count, plan.Trials.Count]); // the second run found nothing pending
        File.ReadAllText(Path.Combine(Folder("run"), "trials.csv")).ShouldBe(trials);
        first.Summaries.ShouldNotBeNull().Count.ShouldBe(2);
        second.Summaries![1].SummaryCsv().ShouldBe(first.Summaries[1].SummaryCsv());
        experiment.Reports.ShouldBe([(true, 2), (true, 2)]);
        foreach (var file in new[] { "summary.csv", "curves.csv", "accuracy-vs-rate.svg", "mixed/summary.csv", "mixed/curves.csv", "mixed/accuracy-vs-rate.svg", "report.md" })
        {
            File.Exists(Path.Combine(Folder("run"), file)).ShouldBeTrue(file);
        }
    }

    [Fact]
    public void Shards_merge_into_the_files_of_the_unsplit_run_and_an_incomplete_merge_is_refused()
    {
        var experiment = new MadeUpExperiment();
        experiment.Run(experiment.SettingsOf("--out", Folder("whole"), "--twice"), Console(), CancellationToken.None);
        foreach (var shard in new[] { "1/3", "2/3", "3/3" })
        {
            var outcome = experiment.Run(experiment.SettingsOf("--out", Folder(shard.Replace('/', '-')), "--twice", "--shard", shard), Console(), CancellationToken.None);
            outcome.Summaries.ShouldBeNull(); // a shard has no summary of its own
        }

        var shards = new[] { "1-3", "2-3", "3-3" }.Select(Folder).ToArray();
        Should.Throw<InvalidDataException>(() => experiment.Merge(shards[..2], experiment.SettingsOf("--out", Folder("part"), "--twice"))).Message.ShouldContain("missing");
        var output = new StringWriter();
        experiment.Command(Console(output)).Parse(["--out", Folder("merged"), "--twice", "--merge", .. shards]).Invoke().ShouldBe(0);

        output.ToString().ShouldContain("Merged 3 shards");
        foreach (var file in new[] { "summary.csv", "curves.csv", "accuracy-vs-rate.svg", "mixed/summary.csv", "mixed/curves.csv" })
        {
            File.ReadAllText(Path.Combine(Folder("merged"), file)).ShouldBe(File.ReadAllText(Path.Combine(Folder("whole"), file)), file);
        }

        experiment.Reports.Last().ShouldBe((false, 2)); // merged: nothing was prepared
    }

    [Fact]
    public void A_stopped_run_writes_no_summary_and_the_next_run_finishes_the_job()
    {
        var experiment = new MadeUpExperiment();
        var settings = experiment.SettingsOf("--out", Folder("stopped"));
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        Should.Throw<OperationCanceledException>(() => experiment.Run(settings, Console(), stop.Token)); // stopped while preparing
        var outcome = experiment.Run(settings, Console(), CancellationToken.None);

        outcome.Cancelled.ShouldBeFalse();
        outcome.Summaries.ShouldNotBeNull();
        experiment.Prepares.ShouldBe(1);
    }

    [Fact]
    public void A_corrupt_trials_file_exits_with_1_names_its_line_and_is_left_alone()
    {
        Directory.CreateDirectory(Folder("corrupt"));
        var path = Path.Combine(Folder("corrupt"), "trials.csv");
        var text = TrialsFile.Header + "\nA,two-column,0,not-a-rate,0,1,0.5\n";
        File.WriteAllText(path, text);
        var output = new StringWriter();

        new MadeUpExperiment().Command(Console(output)).Parse(["--out", Folder("corrupt")]).Invoke().ShouldBe(1);

        output.ToString().ShouldContain("line 2");
        File.ReadAllText(path).ShouldBe(text);
    }

    [Fact]
    public void A_torn_last_row_is_reported_dropped_and_its_trial_run_again()
    {
        var experiment = new MadeUpExperiment();
        var settings = experiment.SettingsOf("--out", Folder("torn"));
        var plan = experiment.Campaigns(settings)[0].Plan;
        Directory.CreateDirectory(Folder("torn"));
        var path = Path.Combine(Folder("torn"), "trials.csv");
        var first = plan.Trials[0];
        File.WriteAllText(path, $"{TrialsFile.Header}\n{plan.Columns.Line(first, MadeUpExperiment.Accuracy(first))}\nB,differential,0.5,0.0");
        var output = new StringWriter();

        experiment.Command(Console(output)).Parse(["--out", Folder("torn")]).Invoke().ShouldBe(0);

        string said = string.Concat(output.ToString().Where(c => !char.IsWhiteSpace(c)));
        said.ShouldContain(string.Concat($"Dropped the torn last line of {path}, 'B,differential,0.5,0.0'".Where(c => !char.IsWhiteSpace(c))));
        experiment.Batches.ShouldBe([plan.Trials.Count - 1]);
        var rows = TrialsFile.ReadRows(path);
        rows.Select(r => r.Trial).ShouldBe(plan.Trials, ignoreOrder: true);
        File.ReadAllLines(path).Length.ShouldBe(1 + plan.Trials.Count);
    }
}
