using System.Xml.Linq;
using DifferentialMapping;
using Lab.ResNet;
using MapDsl.Experiments;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;
using Spectre.Console;

namespace MapDsl.Examples.Tests;

/// <summary>
/// A tiny run of examples/DifferentialMapping with --network resnet (ResNet-8 with the PyTorch golden weights of the
/// generated tests, 2 chips, 3 rates, 50 test images, 1 epoch of fine-tuning on 64 images, both campaigns): its files,
/// trials equal to a from-scratch evaluation of the same chips, and pruning that agrees with the mapping's own after
/// batch-norm folding. Resuming, shards and the report's logic are the same code as LeNet-5's (ReducedCampaignTests).
/// </summary>
public sealed class ResNetCampaignTests : IClassFixture<ResNetCampaignTests.TinyRun>
{
    private const int Chips = 2;
    private const int TestImages = 50;
    private const int Rates = 3;

    private readonly TinyRun _run;

    public ResNetCampaignTests(TinyRun run) => _run = run;

    [Fact]
    public void The_experiment_takes_the_eight_resnet_mappings_of_differential_xmap()
    {
        // ResNet8.Mappings also lists the mappings of resnet8.xmap itself (DM, Q8), which are not the experiment's.
        var names = DifferentialExperiment.ResNet.Mappings.Select(m => m.Name).ToList();
        names.ShouldBe(["ResNetTwoColumn0", "ResNetDifferential0", "ResNetTwoColumn50", "ResNetDifferential50", "ResNetTwoColumn80", "ResNetDifferential80", "ResNetTwoColumn90", "ResNetDifferential90"]);
        ResNet8.Mappings.Select(m => m.Name).ShouldBeSubsetOf(names.Concat(["DM", "Q8"]));
        DifferentialExperiment.ResNet.Prunings.Select(p => p.Name).ShouldBe(["ResNetSparse50", "ResNetSparse80", "ResNetSparse90"]);
    }

    [Fact]
    public void Both_campaigns_write_every_trial_a_summary_and_a_plot()
    {
        XNamespace svg = "http://www.w3.org/2000/svg";
        foreach (var folder in new[] { _run.Folder, Path.Combine(_run.Folder, DifferentialExperiment.MixedSubfolder) })
        {
            var rows = TrialsFile.ReadRows(Path.Combine(folder, "trials.csv"));
            rows.Count.ShouldBe(8 * (1 + (Rates * Chips)));
            rows.Select(r => r.Trial).Distinct().Count().ShouldBe(rows.Count);
            rows.ShouldAllBe(r => r.Accuracy >= 0 && r.Accuracy <= 1 && Math.Abs((r.Accuracy * TestImages) - Math.Round(r.Accuracy * TestImages)) < 1e-9);
            File.ReadAllLines(Path.Combine(folder, "summary.csv")).Length.ShouldBe(1 + 8);
            File.Exists(Path.Combine(folder, "curves.csv")).ShouldBeTrue();
            XDocument.Load(Path.Combine(folder, "accuracy-vs-rate.svg")).Descendants(svg + "polyline").Count().ShouldBe(8);
        }

        var report = File.ReadAllText(Path.Combine(_run.Folder, "report.md"));
        report.ShouldStartWith("# Pruning and differential crossbar mapping under stuck-at faults (ResNet-8, Fashion-MNIST)\n");
        report.ShouldContain("- **network**: ResNet-8 (10 weighted layers, 77072 weights, 9 batch norms folded into their convs), trained weights ");
        report.ShouldContain("- **pruning**: unstructured magnitude pruning of every layer but stem to 50, 80 and 90%");
        report.ShouldContain("- ResNet-8: every batch norm directly follows a conv");
        report.ShouldContain("| ResNetSparse90 | ");
    }

    [Fact]
    public void A_trial_equals_a_from_scratch_evaluation_of_the_faulty_chip()
    {
        // Chip 1 (and the fault-free baseline) of two pruned mappings in both campaigns, programmed, faulted and read
        // back (folded weights) by the generated code, then a plain forward pass.
        var test = Datasets.FashionTest().Slice(0, TestImages);
        var networks = _run.Outcome.Prepared;
        var rows = new[] { "", DifferentialExperiment.MixedSubfolder }.SelectMany(f => TrialsFile.ReadRows(Path.Combine(_run.Folder, f, "trials.csv"))).ToList();
        foreach (var mapping in DifferentialExperiment.ResNet.Mappings.Where(m => m.Name.EndsWith("80", StringComparison.Ordinal)))
        {
            var mine = rows.Where(r => r.Trial.Configuration.Mapping == mapping.Name && r.Trial.Chip <= 1).ToList();
            mine.Count.ShouldBe(2 * (1 + Rates));
            foreach (var row in mine)
            {
                var chip = mapping.Map(networks.For(mapping.Pruning));
                if (row.Trial.Chip != 0)
                {
                    mapping.Inject(chip, mapping.SampleFaults(new FaultRates(row.Trial.StuckOnRate, row.Trial.StuckOffRate, 0, 0), (ulong)row.Trial.Chip));
                }

                TestAccuracy.Of(mapping.ReadBack(chip), test).ShouldBe(row.Accuracy, $"{mapping.Name} at {row.Trial.StuckOnRate}/{row.Trial.StuckOffRate}, chip {row.Trial.Chip}");
            }
        }
    }

    [Fact]
    public void The_mapping_prunes_exactly_the_weights_fine_tuning_kept_at_zero()
    {
        var networks = _run.Outcome.Prepared;
        var trained = networks.For(null);
        foreach (var pruning in DifferentialExperiment.ResNet.Prunings)
        {
            // Folding scales each output channel differently, so masks of the unfolded weights would not be the mapping's.
            pruning.Keep(trained).Zip(pruning.Keep(BatchNormFolding.Folded(trained)), (a, b) => a.SequenceEqual(b)).ShouldContain(false);
            var tuned = networks.For(pruning);
            tuned.Norms[1].RunningMean.ShouldNotBe(trained.Norms[1].RunningMean); // fine-tuning moved the batch norms
            var keep = pruning.Keep(BatchNormFolding.Folded(tuned)); // what Map keeps of the folded, fine-tuned network
            var layers = ((INetworkWeights)tuned).LayerNames;
            for (int l = 0; l < layers.Count; l++)
            {
                keep[l].ShouldBe(((INetworkWeights)tuned).WeightsOf(layers[l]).Select(w => w != 0).ToArray(), $"{pruning.Name}, {layers[l]}");
            }
        }
    }

    /// <summary>The tiny run the tests share.</summary>
    public sealed class TinyRun : IDisposable
    {
        public TinyRun()
        {
            Folder = Path.Combine(Path.GetTempPath(), "mapdsl-resnet-" + Guid.NewGuid().ToString("N"));
            var experiment = DifferentialExperiment.For(DifferentialExperiment.ResNet);
            var settings = experiment.SettingsOf(
                "--network", "resnet", "--weights", RepositoryFiles.Path("tests", "MapDsl.Generated.Tests", "Golden", "resnet8-torch.safetensors"), "--out", Folder,
                "--chips", $"{Chips}", "--rates", "0.1%..10%", "--per-decade", "1", "--test-images", $"{TestImages}", "--train-images", "64", "--epochs", "1", "--workers", "2");
            var quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });
            Outcome = experiment.Run(settings, quiet, CancellationToken.None);
            Outcome.Summaries.ShouldNotBeNull();
        }

        public string Folder { get; }

        internal ExperimentOutcome<PrunedNetworks<ResNet8.Weights>> Outcome { get; }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
