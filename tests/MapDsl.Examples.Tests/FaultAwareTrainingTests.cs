extern alias fat;

using System.Globalization;
using fat::FaultAwareTraining;
using MapDsl.Experiments;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.FaultAware;
using MapDsl.Runtime.Faults;
using Spectre.Console;
using LeNet5 = fat::Lab.LeNet.LeNet5;
using MapDsl.Examples.Tests.Support;

namespace MapDsl.Examples.Tests;

/// <summary>
/// A reduced run of examples/FaultAwareTraining (2 maps, 3 rates, up to 1 epoch, 300 test and 1,000 training
/// images): its files and their invariants, resuming, a trial against fault-aware training done from scratch, and
/// the committed default results recomputed from their own trials.
/// </summary>
public sealed class FaultAwareTrainingTests : IDisposable
{
    private static readonly ResilienceExperiment Experiment = new();
    private readonly TempFolder _folder = new("fat");

    public void Dispose() => _folder.Dispose();

    private ExperimentSettings Settings() => Experiment.SettingsOf(
        "--out", _folder.Path, "--chips", "2", "--rates", "1%..30%", "--per-decade", "1", "--epochs", "1", "--test-images", "300", "--train-images", "1000", "--population", "6");

    private static IAnsiConsole Quiet() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });

    [Fact]
    public void The_reduced_run_writes_every_point_once_and_a_map_that_follows_from_them()
    {
        var settings = Settings();
        Experiment.Run(settings, Quiet(), CancellationToken.None).Summaries.ShouldNotBeNull();
        var trials = File.ReadAllText(_folder.File("trials.csv"));
        var population = File.ReadAllText(_folder.File("chips.csv")) + File.ReadAllText(_folder.File("cost.csv"));
        var report = File.ReadAllText(_folder.File("report.md"));
        var output = new StringWriter();
        Experiment.Run(settings, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No }), CancellationToken.None);

        // The rerun resumes: no trial left to run, the population read back instead of retrained, the same report.
        File.ReadAllText(_folder.File("trials.csv")).ShouldBe(trials);
        output.ToString().ShouldContain("re-using chips.csv and cost.csv");
        (File.ReadAllText(_folder.File("chips.csv")) + File.ReadAllText(_folder.File("cost.csv"))).ShouldBe(population);
        File.ReadAllText(_folder.File("report.md")).ShouldBe(report);

        // 3 rates (1%, 10%, 30%) x 2 maps x 4 amounts (0, 0.25, 0.5, 1), and a baseline per amount.
        var rows = TrialsFile.ReadRows(_folder.File("trials.csv"));
        rows.Count.ShouldBe((3 * 2 * 4) + 4);
        var points = File.ReadAllLines(_folder.File("resilience.csv")).Skip(1).Select(l => l.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray()).ToList();
        points.Count.ShouldBe(3 * 2 * 4);
        points.Select(p => (p[0], p[1], (int)p[2])).Distinct().Count().ShouldBe(points.Count);

        // E* by hand: the least amount whose mean (worst) accuracy over the maps is at least the fault-free accuracy - 1 point.
        double threshold = rows.Single(r => r.Trial.IsBaseline && ResilienceExperiment.EpochsOf(r.Trial.Configuration) == 0).Accuracy - 0.01;
        var expected = new List<string> { "rate,epochs_needed_mean,epochs_needed_worst" };
        foreach (var rate in points.Select(p => p[0]).Distinct().Order())
        {
            string Needed(Func<IEnumerable<double>, double> over) => points.Where(p => p[0] == rate).GroupBy(p => p[1]).OrderBy(g => g.Key)
                .FirstOrDefault(g => over(g.Select(p => p[3])) >= threshold)?.Key.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;
            expected.Add($"{rate.ToString("R", CultureInfo.InvariantCulture)},{Needed(a => a.Average())},{Needed(a => a.Min())}");
        }

        File.ReadAllLines(_folder.File("resilience-map.csv")).ShouldBe(expected);
        File.ReadAllText(_folder.File("report.md")).ShouldContain("## Resilience map");
        File.ReadAllText(_folder.File("report.md")).ShouldContain("## A population of chips");
        System.Xml.Linq.XDocument.Load(_folder.File("resilience.svg")).Root!.Elements().Count(e => e.Name.LocalName == "rect").ShouldBeGreaterThanOrEqualTo(1 + (3 * 4));
        System.Xml.Linq.XDocument.Load(_folder.File("cost.svg")).Root!.Elements().Count(e => e.Name.LocalName == "polyline").ShouldBe(2);

        // The population: every chip once, in one group; each method's totals add up from the chips.
        var chips = File.ReadAllLines(_folder.File("chips.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        chips.Select(c => int.Parse(c[0], CultureInfo.InvariantCulture)).ShouldBe(Enumerable.Range(0, 6));
        static double Number(string text) => text.Length == 0 ? 0 : double.Parse(text, CultureInfo.InvariantCulture);
        var cost = File.ReadAllLines(_folder.File("cost.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0]);
        Number(cost["per-chip"][1]).ShouldBe(chips.Sum(c => Number(c[2])), 1e-12);
        var groups = chips.GroupBy(c => c[3]).ToList();
        groups.ShouldAllBe(g => g.Select(c => c[4] + "," + c[5]).Distinct().Count() == 1); // one fused rate and E* per group
        var alone = chips.Where(c => c[5].Length == 0 || Number(c[7]) < threshold).ToList();
        Number(cost["grouped"][1]).ShouldBe(groups.Sum(g => Number(g.First()[5])) + alone.Sum(c => Number(c[2])), 1e-12);
        int.Parse(cost["grouped"][3], CultureInfo.InvariantCulture).ShouldBe(chips.Count(c => c[8] == "true"));
        foreach (var chip in chips)
        {
            // Within D: by the group's network, or (retrained alone) by the chip's own retraining.
            (chip[8] == "true").ShouldBe(Number(alone.Contains(chip) ? chip[6] : chip[7]) >= threshold, $"chip {chip[0]}");
            (chip[9] == "true").ShouldBe(alone.Contains(chip), $"chip {chip[0]}");
        }
    }

    [Fact]
    public void A_trial_equals_fault_aware_training_from_scratch_on_the_same_chip()
    {
        var settings = Settings();
        Experiment.Run(settings, Quiet(), CancellationToken.None);
        var row = TrialsFile.ReadRows(_folder.File("trials.csv"))
            .Single(r => r.Trial.Chip == 2 && r.Trial.Rates.Pe == 0.1 && ResilienceExperiment.EpochsOf(r.Trial.Configuration) == 0.5);

        var train = Datasets.FashionTrain().Slice(0, 1000);
        var test = Datasets.FashionTest().Slice(0, 300);
        var weights = LeNet5.Weights.LoadSafetensors(MapDsl.Examples.RepositoryFiles.Path("models", "lenet5.safetensors"));
        MapDsl.Runtime.Contract.IMapping<LeNet5.Weights> mapping = fat::Lab.Fat.LeNetOnSa16.Instance;
        var faults = mapping.SampleFaults(new FaultRates(0, 0, 0, 0.1), chip: 2);
        FaultAwareTraining.FineTune(weights, mapping, faults, train, settings.Training.Options.ForEpochs(0.5, train.Count));
        var chip = mapping.Map(weights);
        mapping.Inject(chip, faults);

        TestAccuracy.Of(mapping.ReadBack(chip), test).ShouldBe(row.Accuracy);
    }

    [Fact]
    public void Profiled_chips_from_fault_map_files_are_the_population_and_a_bad_file_is_named()
    {
        var profiled = Directory.CreateDirectory(_folder.File("profiled")).FullName;
        var rates = new[] { 0.02, 0.05, 0.01 };
        for (int i = 0; i < rates.Length; i++)
        {
            MapDsl.Runtime.Faults.Files.FaultMapFile.Save(fat::Lab.Fat.LeNetOnSa16.SampleFaults(new FaultRates(0, 0, 0, rates[i]), (ulong)(50 + i)), fat::Lab.Fat.LeNetOnSa16.Shape, Path.Combine(profiled, $"chip-{i}.faults"));
        }

        var settings = Experiment.SettingsOf(
            "--out", _folder.File("out"), "--chips", "1", "--rates", "1%..10%", "--per-decade", "1", "--epochs", "0", "--test-images", "200", "--profiled", profiled);
        Experiment.Run(settings, Quiet(), CancellationToken.None).Summaries.ShouldNotBeNull();

        var chips = File.ReadAllLines(_folder.File("out", "chips.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        chips.Count.ShouldBe(3);
        for (int i = 0; i < 3; i++)
        {
            var pes = MapDsl.Runtime.Faults.Files.FaultMapFile.Load(Path.Combine(profiled, $"chip-{i}.faults"), fat::Lab.Fat.LeNetOnSa16.Shape).BypassedPes.Count;
            double.Parse(chips[i][1], CultureInfo.InvariantCulture).ShouldBe(pes / 256.0);
        }

        File.ReadAllText(_folder.File("out", "report.md")).ShouldContain("3 profiled chips, one per fault-map file");
        File.WriteAllText(Path.Combine(profiled, "chip-9.faults"), "not a fault map\n");
        var output = new StringWriter();
        var exit = Experiment.Command(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No }))
            .Parse(["--out", _folder.File("out"), "--chips", "1", "--rates", "1%..10%", "--per-decade", "1", "--epochs", "0", "--test-images", "200", "--profiled", profiled]).Invoke();
        exit.ShouldBe(1);
        output.ToString().ShouldContain("chip-9.faults");
    }

    [Theory]
    [InlineData("", "lenet5")]
    [InlineData("mlp", "mlp")]
    public void The_committed_default_results_follow_from_their_trials(string subfolder, string network)
    {
        var committed = MapDsl.Examples.RepositoryFiles.Path("docs", "results", "fault-aware-training", subfolder);
        var rows = TrialsFile.ReadRows(Path.Combine(committed, "trials.csv"));
        var summary = CampaignSummary.From(rows);
        summary.SummaryCsv().ShouldBe(File.ReadAllText(Path.Combine(committed, "summary.csv")));
        summary.CurvesCsv().ShouldBe(File.ReadAllText(Path.Combine(committed, "curves.csv")));

        Report.Write(Experiment.SettingsOf("--out", _folder.Path, "--network", network), _folder.Path, network, 0.01, rows, summary, population: null);

        foreach (var file in new[] { "resilience.csv", "resilience-map.csv", "resilience.svg" })
        {
            File.ReadAllText(_folder.File(file)).ShouldBe(File.ReadAllText(Path.Combine(committed, file)), file);
        }
    }
}
