using System.Globalization;
using System.Xml.Linq;
using DifferentialMapping;
using Lab.Differential;
using MapDsl.Experiments;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;
using Spectre.Console;

namespace MapDsl.Examples.Tests;

/// <summary>
/// A reduced run of examples/DifferentialMapping (2 chips, 3 rates, 200 test images, 1 epoch of fine-tuning on 500
/// images): the files it writes and their invariants, resuming, and shards merged into the same summary. The full
/// default run is the README's first command; CI runs only this.
/// </summary>
public sealed class ReducedCampaignTests : IClassFixture<ReducedCampaignTests.UnsplitRun>
{
    private const int Chips = 2;
    private const int TestImages = 200;
    private static readonly double[] Rates = [0.001, 0.01, 0.1];

    private readonly UnsplitRun _run;

    public ReducedCampaignTests(UnsplitRun run) => _run = run;

    [Fact]
    public void Every_planned_trial_is_in_trials_csv_exactly_once()
    {
        foreach (var folder in new[] { _run.Folder, Path.Combine(_run.Folder, DifferentialExperiment.MixedSubfolder) })
        {
            var lines = File.ReadAllLines(Path.Combine(folder, "trials.csv"));
            lines[0].ShouldBe("mapping,scheme,sparsity,stuck_on_rate,stuck_off_rate,chip,accuracy");
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
            rows.Count.ShouldBe(LeNet5.Mappings.Count * (1 + Rates.Length * Chips));
            rows.Select(r => string.Join(',', r.Take(6))).Distinct().Count().ShouldBe(rows.Count);
            foreach (var row in rows)
            {
                var accuracy = double.Parse(row[6], CultureInfo.InvariantCulture);
                accuracy.ShouldBeInRange(0, 1);
                (accuracy * TestImages).ShouldBe(Math.Round(accuracy * TestImages), 1e-9); // a count of images
            }
        }
    }

    [Fact]
    public void The_mixed_campaign_has_stuck_off_faults_in_the_measured_ratio()
    {
        var rows = TrialsFile.ReadRows(Path.Combine(_run.Folder, DifferentialExperiment.MixedSubfolder, "trials.csv"));
        foreach (var row in rows.Where(r => r.Trial.Chip != 0))
        {
            row.Trial.StuckOffRate.ShouldBe(row.Trial.StuckOnRate * 1.75 / 9.04, 1e-15);
        }
    }

    [Fact]
    public void Summary_has_one_row_per_configuration_with_its_fault_free_accuracy()
    {
        var lines = File.ReadAllLines(Path.Combine(_run.Folder, "summary.csv"));
        lines[0].ShouldBe("scheme,sparsity,baseline_accuracy,tolerable_stuck_on_rate");
        lines.Length.ShouldBe(1 + LeNet5.Mappings.Count);
        var baselines = TrialsFile.ReadRows(Path.Combine(_run.Folder, "trials.csv")).Where(r => r.Trial.Chip == 0).ToList();
        foreach (var fields in lines.Skip(1).Select(l => l.Split(',')))
        {
            var sparsity = double.Parse(fields[1], CultureInfo.InvariantCulture);
            var baseline = baselines.Single(r => r.Trial.Configuration.Scheme == fields[0] && r.Trial.Configuration.Sparsity == sparsity);
            double.Parse(fields[2], CultureInfo.InvariantCulture).ShouldBe(baseline.Accuracy);
            var tolerable = double.Parse(fields[3], CultureInfo.InvariantCulture);
            (tolerable == 0 || (tolerable >= Rates[0] && tolerable <= Rates[^1])).ShouldBeTrue($"tolerable rate {tolerable} is neither 0 (below the grid) nor inside it");
        }
    }

    [Fact]
    public void A_trial_equals_a_from_scratch_evaluation_of_the_faulty_chip()
    {
        // The campaign evaluates incrementally (cached activations, sparse corrections, only faulty cells rewritten);
        // here the same chip is programmed, faulted and read back from scratch by the generated code instead.
        var rows = TrialsFile.ReadRows(Path.Combine(_run.Folder, "trials.csv"));
        var test = Datasets.FashionTest().Slice(0, TestImages);
        var networks = _run.Outcome.Prepared;
        foreach (var mapping in new[] { LeNet5.Mappings[4], LeNet5.Mappings[5] })
        {
            foreach (var row in rows.Where(r => r.Trial.Configuration.Mapping == mapping.Name && r.Trial.Chip != 0))
            {
                var chip = mapping.Map(networks.For(mapping.Pruning));
                mapping.Inject(chip, mapping.SampleFaults(new FaultRates(row.Trial.StuckOnRate, row.Trial.StuckOffRate, 0, 0), (ulong)row.Trial.Chip));
                TestAccuracy.Of(mapping.ReadBack(chip), test).ShouldBe(row.Accuracy, $"{mapping.Name} at {row.Trial.StuckOnRate}, chip {row.Trial.Chip}");
            }
        }
    }

    [Fact]
    public void The_plot_and_the_report_are_written()
    {
        var svg = XDocument.Load(Path.Combine(_run.Folder, "accuracy-vs-rate.svg"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        svg.Descendants(ns + "polyline").Count().ShouldBe(LeNet5.Mappings.Count);
        var report = File.ReadAllText(Path.Combine(_run.Folder, "report.md"));
        report.ShouldContain("differential");
        report.ShouldContain("two-column");
        report.ShouldContain("Pruning and fine-tuning");
    }

    [Fact]
    public void Running_the_same_command_again_adds_nothing()
    {
        var before = File.ReadAllText(Path.Combine(_run.Folder, "trials.csv"));
        Run(_run.Folder, shard: null);
        File.ReadAllText(Path.Combine(_run.Folder, "trials.csv")).ShouldBe(before);
    }

    [Fact]
    public void Two_shards_merge_into_the_summary_of_the_unsplit_run()
    {
        var root = Path.Combine(Path.GetTempPath(), "mapdsl-shards-" + Guid.NewGuid().ToString("N"));
        try
        {
            var shards = new[] { Path.Combine(root, "1"), Path.Combine(root, "2") };
            Run(shards[0], new ShardSpec(1, 2));
            Run(shards[1], new ShardSpec(2, 2));
            var merged = Path.Combine(root, "merged");
            Should.Throw<InvalidDataException>(() => Experiment.Merge([shards[0]], Settings(Path.Combine(root, "half"), shard: null)))
                .Message.ShouldContain("missing");
            Experiment.Merge(shards, Settings(merged, shard: null)).Count.ShouldBe(2);
            foreach (var file in new[] { "summary.csv", "curves.csv", Path.Combine(DifferentialExperiment.MixedSubfolder, "summary.csv") })
            {
                File.ReadAllText(Path.Combine(merged, file)).ShouldBe(File.ReadAllText(Path.Combine(_run.Folder, file)), file);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1500)]
    public void A_run_stopped_anywhere_and_resumed_gives_the_summary_of_an_uninterrupted_run(int stopAfterMilliseconds)
    {
        // Ctrl-C cancels this token: wherever it lands (fine-tuning, a campaign, between campaigns), running the same
        // command again must finish the job with no trial lost or counted twice.
        var folder = Path.Combine(Path.GetTempPath(), "mapdsl-stopped-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var stop = new CancellationTokenSource(stopAfterMilliseconds))
            {
                try
                {
                    Experiment.Run(Settings(folder, shard: null), Quiet(), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // stopped during fine-tuning
                }
            }

            Run(folder, shard: null);
            foreach (var file in new[] { "summary.csv", "curves.csv", Path.Combine(DifferentialExperiment.MixedSubfolder, "summary.csv") })
            {
                File.ReadAllText(Path.Combine(folder, file)).ShouldBe(File.ReadAllText(Path.Combine(_run.Folder, file)), file);
            }

            var keys = File.ReadAllLines(Path.Combine(folder, "trials.csv")).Skip(1).Select(l => l[..l.LastIndexOf(',')]).ToList();
            keys.Distinct().Count().ShouldBe(keys.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_corrupt_trials_file_is_reported_with_its_line_and_left_alone()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mapdsl-corrupt-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "trials.csv");
            var text = TrialsFile.Header + "\nTwoColumn0,two-column,0,not-a-rate,0,1,0.5\n";
            File.WriteAllText(path, text);
            var output = new StringWriter();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors });
            var exit = Experiment.Command(console).Parse(["--out", folder, "--chips", "1", "--per-decade", "1", "--epochs", "0", "--test-images", "50", "--mixed", "none"]).Invoke();
            exit.ShouldBe(1);
            output.ToString().ShouldContain("line 2");
            File.ReadAllText(path).ShouldBe(text);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static readonly DifferentialExperiment<LeNet5.Weights> Experiment = DifferentialExperiment.For(DifferentialExperiment.LeNet);

    private static ExperimentOutcome<PrunedNetworks<LeNet5.Weights>> Run(string folder, ShardSpec? shard)
    {
        var outcome = Experiment.Run(Settings(folder, shard), Quiet(), CancellationToken.None);
        outcome.Cancelled.ShouldBeFalse();
        (outcome.Summaries is null).ShouldBe(shard is not null);
        return outcome;
    }

    // 2 chips, the rates 0.1%, 1% and 10%, 200 test images, 1 epoch of fine-tuning on 500 images.
    private static ExperimentSettings Settings(string folder, ShardSpec? shard) => Experiment.SettingsOf(
        ["--out", folder, "--chips", $"{Chips}", "--rates", "0.1%..10%", "--per-decade", "1", "--test-images", $"{TestImages}",
         "--train-images", "500", "--epochs", "1", "--lr", "0.01", "--seed", "1", "--workers", "2", .. shard is null ? Array.Empty<string>() : ["--shard", shard.ToString()]]);

    private static IAnsiConsole Quiet() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });

    /// <summary>One unsplit reduced run shared by the tests (it takes a few seconds).</summary>
    public sealed class UnsplitRun : IDisposable
    {
        public UnsplitRun()
        {
            Folder = Path.Combine(Path.GetTempPath(), "mapdsl-campaign-" + Guid.NewGuid().ToString("N"));
            Outcome = Run(Folder, shard: null);
        }

        public string Folder { get; }

        internal ExperimentOutcome<PrunedNetworks<LeNet5.Weights>> Outcome { get; }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
