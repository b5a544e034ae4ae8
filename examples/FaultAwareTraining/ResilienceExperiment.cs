using System.CommandLine;
using System.Globalization;
using Lab.Fat;
using Lab.LeNet;
using MapDsl.Experiments;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.FaultAware;
using MapDsl.Runtime.Faults;
using Spectre.Console;

namespace FaultAwareTraining;

/// <summary>
/// The resilience analysis as one campaign: a configuration per retraining amount (axis "epochs"), swept over PE
/// fault rates, a chip per random fault map. One fault-aware training run per (rate, map) measures every amount at
/// its checkpoints; chip 0 (no faults) measures plain fine-tuning for the baselines.
/// </summary>
internal sealed class ResilienceExperiment : CampaignExperiment<ResilienceExperiment.Prepared>
{
    /// <summary>The configuration axis of the retraining amount, in epochs.</summary>
    public const string EpochsAxis = "epochs";

    private static readonly double[] Amounts = [0, 0.25, 0.5, 1, 2, 3, 5];

    private readonly Option<double> _drop = new Option<double>("--drop")
    {
        Description = "Allowed accuracy drop D, in percentage points below the fault-free accuracy, for the resilience map",
        DefaultValueFactory = _ => 1,
    }.ReadInvariantly();

    private readonly Option<string> _network = new("--network")
    {
        Description = "The network on the 16x16 array: lenet5 (LeNet-5, models/lenet5.safetensors) or mlp (784-256-10, models/mlp.safetensors; results in the subfolder mlp)",
        DefaultValueFactory = _ => "lenet5",
    };

    private readonly Option<int> _population = new("--population")
    {
        Description = "Chips of the population retrained per chip and in groups (0 for the resilience analysis alone)",
        DefaultValueFactory = _ => 20,
    };

    private readonly Option<string?> _profiled = new("--profiled")
    {
        Description = "A folder of .faults files (FaultMapFile) to use as the population instead of sampled chips, e.g. measured chips",
    };

    // The population's results of this run, for its report; null after a merge (nothing was prepared to train with).
    private Population.Results? _results;

    public ResilienceExperiment()
        : base(
            "eFAT resilience analysis: fault-aware training of LeNet-5 on a 16x16 systolic array with bypassed PEs (Hanif and Shafique, 2023)",
            new ExperimentDefaults(Path.Combine("results", "fault-aware-training"), "models/lenet5.safetensors", Chips: 5, Rates: "0.5%..30%", PointsPerDecade: 5, Epochs: 5))
    {
        Options.Add(_drop);
        Options.Add(_network);
        Options.Add(_population);
        Options.Add(_profiled);
    }

    /// <summary>The network --network names: lenet5 or mlp.</summary>
    public string NetworkOf(ExperimentSettings settings) => settings.Value(_network) is "lenet5" or "mlp"
        ? settings.Value(_network)!
        : throw new ArgumentException($"--network must be lenet5 or mlp, got '{settings.Value(_network)}'.");

    /// <summary>The network's name for people.</summary>
    public static string NameOf(string network) => network == "mlp" ? "MLP 784-256-10" : "LeNet-5";

    /// <summary>The mapping every chip of the network runs.</summary>
    public static IMapping MappingOf(string network) => network == "mlp" ? MlpOnSa16.Instance : LeNetOnSa16.Instance;

    /// <summary>Where a network's files go: the output folder for LeNet-5, its subfolder for another.</summary>
    public string FolderOf(ExperimentSettings settings) => Path.Combine(settings.OutputFolder, SubfolderOf(NetworkOf(settings)));

    private static string SubfolderOf(string network) => network == "lenet5" ? string.Empty : network;

    /// <summary>The retraining amounts measured: 0, 0.25, 0.5, 1, 2, 3 and 5 epochs, up to --epochs.</summary>
    public static IReadOnlyList<double> AmountsUpTo(int epochs) => [.. Amounts.Where(e => e <= epochs)];

    /// <summary>The allowed drop D as a fraction.</summary>
    public double Drop(ExperimentSettings settings) => settings.Value(_drop) is >= 0 and < 100 and var drop
        ? drop / 100
        : throw new ArgumentException($"--drop must be from 0 to 100 percentage points, got {settings.Value(_drop).ToString(CultureInfo.InvariantCulture)}.");

    public static double EpochsOf(CampaignConfiguration configuration) =>
        double.Parse(configuration.Axes.Single(a => a.Name == EpochsAxis).Value, CultureInfo.InvariantCulture);

    public override IReadOnlyList<ExperimentCampaign> Campaigns(ExperimentSettings settings)
    {
        _ = Drop(settings);
        if (settings.Value(_population) < 0)
        {
            throw new ArgumentException($"--population must be 0 or more chips, got {settings.Value(_population)}.");
        }

        if (settings.Value(_profiled) is { } profiled && !Directory.Exists(profiled))
        {
            throw new ArgumentException($"--profiled: the folder {profiled} does not exist.");
        }

        var network = NetworkOf(settings);
        var mapping = MappingOf(network);
        var configurations = AmountsUpTo(settings.Training.Epochs).Select(e =>
            (new CampaignConfiguration(mapping.Name, mapping.SchemeName, 0).With(EpochsAxis, e.ToString("R", CultureInfo.InvariantCulture)), (IReadOnlyList<FaultSweep>)[FaultSweep.Only(FaultKind.Pe)]));
        return [new("resilience", SubfolderOf(network), new CampaignPlan(configurations, settings.Grid.Rates, settings.Chips), $"{NameOf(network)} on a 16x16 systolic array after fault-aware training")];
    }

    protected override Prepared Prepare(ExperimentSettings settings, IAnsiConsole console, CancellationToken cancel)
    {
        var network = NetworkOf(settings);
        var weights = settings.WeightsPath ?? MapDsl.Examples.RepositoryFiles.Path("models", $"{network}.safetensors");
        IFatNetwork fat = network == "mlp"
            ? new FatNetwork<Lab.Mlp.Mlp.Weights>(NameOf(network), MlpOnSa16.Instance, Lab.Mlp.Mlp.Weights.LoadSafetensors(weights))
            : new FatNetwork<LeNet5.Weights>(NameOf(network), LeNetOnSa16.Instance, LeNet5.Weights.LoadSafetensors(weights));
        var train = settings.TrainSlice(Datasets.FashionTrain(settings.DataFolder));
        var test = settings.TestSlice(Datasets.FashionTest(settings.DataFolder));
        console.MarkupLine($"{fat.Name} from [bold]{Markup.Escape(settings.WeightsPath ?? $"models/{network}.safetensors")}[/]: {fat.Chip(fat.Mapping.SampleFaults(FaultRates.None, 0), test):P2} on {test.Count} test images; retraining on {train.Count} images");
        return new Prepared(fat, train, test, settings.Training.Options);
    }

    protected override void RunTrials(
        Prepared prepared, ExperimentCampaign campaign, IReadOnlyList<Trial> pending, TrialsFile file, int workers, Action<string, int> progress, CancellationToken cancel)
    {
        int done = 0;
        var runs = pending.GroupBy(t => (t.Rates.Pe, t.Chip)).ToList();
        Parallel.ForEach(runs, new ParallelOptions { MaxDegreeOfParallelism = workers }, run =>
        {
            var ((rate, chip), byEpochs) = (run.Key, run.ToDictionary(t => EpochsOf(t.Configuration)));
            try
            {
                var faults = prepared.Network.Mapping.SampleFaults(FaultRates.None with { Pe = rate }, (ulong)chip);
                var points = prepared.Network.OfMap(faults, rate, chip, [.. byEpochs.Keys.Order()], prepared.Train, prepared.Test, prepared.Options, cancel);
                foreach (var point in points)
                {
                    file.Append(byEpochs[point.Epochs], point.Accuracy);
                }

                progress(chip == 0 ? "no faults" : $"{RateText.Percent(rate)}, map {chip}", Interlocked.Add(ref done, points.Count));
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C during this run's training: its points are not written; the next run redoes it.
            }
        });
    }

    protected override void AfterCampaigns(ExperimentSettings settings, Prepared prepared, IReadOnlyList<CampaignSummary> summaries, IAnsiConsole console, CancellationToken cancel)
    {
        _results = null;
        if (settings.Value(_population) == 0 && settings.Value(_profiled) is null)
        {
            return;
        }

        // The chips: profiled from files, or sampled; then everything the results depend on, to reuse an earlier run's.
        var mapping = prepared.Network.Mapping;
        var (faults, source) = settings.Value(_profiled) is { } profiled
            ? Population.Profiled(mapping, profiled) is var (maps, files) ? (maps, $"profiled: {string.Join(", ", files)} in {profiled}") : default
            : (Population.Sampled(mapping, settings.Value(_population), settings.Grid.From, settings.Grid.To), $"sampled: {settings.Value(_population)} chips");
        var folder = FolderOf(settings);
        var key = FormattableString.Invariant(
            $"{prepared.Network.Name}, {source}, maps {string.Join(" ", faults.Select(f => f.BypassedPes.Count))}, drop {Drop(settings):R}, grid {settings.Grid}, maps per rate {settings.Chips}, ") +
            FormattableString.Invariant($"{settings.Training.Describe(prepared.Train, settings.WeightsPath ?? "the shipped model")}, test {prepared.Test.Count} of {prepared.Test.Source}\n");
        if (Population.ReadIfSame(folder, key) is { } earlier)
        {
            console.MarkupLine("Population: re-using chips.csv and cost.csv of an earlier run with the same settings");
            _results = new Population.Results(earlier.Chips, earlier.Cost, faults, source);
            return;
        }

        var map = Report.MapOf(TrialsFile.ReadRows(Path.Combine(folder, "trials.csv")), Drop(settings));
        console.MarkupLine($"Population ({Markup.Escape(source)}): {faults.Length} chips, retrained per chip and in groups of fused maps");
        var (chips, cost) = Population.Run(prepared, map, faults, settings.Workers, cancel);
        Population.WriteCsv(folder, chips, cost, key);
        _results = new Population.Results(chips, cost, faults, source);
    }

    protected override void WriteReport(ExperimentSettings settings, Prepared? prepared, IReadOnlyList<CampaignSummary> summaries)
    {
        var folder = FolderOf(settings);
        Report.Write(settings, folder, NetworkOf(settings), Drop(settings), TrialsFile.ReadRows(Path.Combine(folder, "trials.csv")), summaries[0], prepared is null ? null : _results);
    }

    /// <summary>What every run needs: the trained network, the data and the retraining's SGD settings.</summary>
    internal sealed record Prepared(IFatNetwork Network, ImageSet Train, ImageSet Test, TrainingOptions Options);
}
