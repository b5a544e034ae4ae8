using System.CommandLine;
using System.Globalization;
using MapDsl.Runtime.Campaigns;

namespace MapDsl.Experiments;

/// <summary>The options every fault-campaign experiment has, and their checks.</summary>
internal sealed class StandardOptions
{
    private readonly ExperimentDefaults _defaults;
    private readonly Option<string> _output;
    private readonly Option<int> _chips;
    private readonly Option<string> _rates;
    private readonly Option<int> _perDecade;
    private readonly Option<int?> _testImages = new("--test-images") { Description = "Test images per evaluation (default: the whole test set)" };
    private readonly Option<int?> _trainImages = new("--train-images") { Description = "Training images for fine-tuning (default: the whole training set)" };
    private readonly Option<int> _epochs;
    private readonly Option<float> _learningRate;
    private readonly Option<int> _seed;
    private readonly Option<string?> _shard = new("--shard") { Description = "Run only part i of N of the trials (i/N), e.g. as a cluster job array; merge with --merge" };
    private readonly Option<int> _workers = new("--workers") { Description = "Threads evaluating trials", DefaultValueFactory = _ => Environment.ProcessorCount };
    private readonly Option<string?> _data = new("--data") { Description = "Folder with the data set's files (default: the slice shipped in data/)" };
    private readonly Option<string?> _weights;

    public StandardOptions(ExperimentDefaults defaults)
    {
        _defaults = defaults;
        _output = new("--out") { Description = "Output folder (trials.csv, summary.csv, curves.csv, accuracy-vs-rate.svg, report.md)", DefaultValueFactory = _ => defaults.OutputFolder };
        _chips = new("--chips") { Description = "Chips (fault-map seeds 1..N) per fault rate", DefaultValueFactory = _ => defaults.Chips };
        _rates = new("--rates") { Description = "Fault rates of the grid, LOW..HIGH (percent or fraction)", DefaultValueFactory = _ => defaults.Rates };
        _perDecade = new("--per-decade") { Description = "Grid points per decade of rate", DefaultValueFactory = _ => defaults.PointsPerDecade };
        _epochs = new("--epochs") { Description = "Epochs of (fine-)tuning", DefaultValueFactory = _ => defaults.Epochs };
        _learningRate = new Option<float>("--lr") { Description = "Learning rate of the tuning (SGD, Nesterov momentum 0.9)", DefaultValueFactory = _ => defaults.LearningRate }.ReadInvariantly();
        _seed = new("--seed") { Description = "Seed of the tuning's shuffles", DefaultValueFactory = _ => defaults.Seed };
        _weights = new("--weights") { Description = $"The trained network, a .safetensors (default: {defaults.Weights})" };
    }

    /// <summary>Output folders of shards to merge; not part of the settings, since merging runs no trial.</summary>
    public Option<string[]> Merge { get; } = new("--merge") { Description = "Output folders of shards to merge into --out (no trials are run)", AllowMultipleArgumentsPerToken = true };

    public IEnumerable<Option> All => [_output, _chips, _rates, _perDecade, _testImages, _trainImages, _epochs, _learningRate, _seed, _shard, Merge, _workers, _data, _weights];

    /// <summary>The settings of a parsed command line; throws FormatException or ArgumentException naming the bad option.</summary>
    public ExperimentSettings Settings(ParseResult result)
    {
        var (low, high) = ParseRange(result.GetValue(_rates)!);
        var training = new TrainingSettings(
            NonNegative(result.GetValue(_epochs), "--epochs"),
            PositiveRate(result.GetValue(_learningRate)),
            result.GetValue(_seed),
            result.GetValue(_trainImages) is { } n ? Positive(n, "--train-images") : null);
        return new ExperimentSettings(
            result.GetValue(_output)!,
            result.GetValue(_data),
            result.GetValue(_weights),
            result.GetValue(_weights) ?? _defaults.Weights,
            Positive(result.GetValue(_chips), "--chips"),
            new RateGrid(low, high, Positive(result.GetValue(_perDecade), "--per-decade")),
            result.GetValue(_testImages) is { } t ? Positive(t, "--test-images") : null,
            training,
            result.GetValue(_shard) is { } s ? ShardSpec.Parse(s) : null,
            Positive(result.GetValue(_workers), "--workers"),
            string.Join(' ', result.Tokens.Select(token => token.Value)))
        {
            Parsed = result,
        };
    }

    private static (double Low, double High) ParseRange(string text)
    {
        var parts = text.Split("..");
        if (parts.Length != 2)
        {
            throw new FormatException($"--rates must be LOW..HIGH, e.g. 0.001%..30%, got '{text}'.");
        }

        return (RateText.Parse(parts[0].Trim()), RateText.Parse(parts[1].Trim()));
    }

    private static int Positive(int value, string option) =>
        value >= 1 ? value : throw new ArgumentException($"{option} must be at least 1, got {value.ToString(CultureInfo.InvariantCulture)}.");

    private static int NonNegative(int value, string option) =>
        value >= 0 ? value : throw new ArgumentException($"{option} must be 0 or more, got {value.ToString(CultureInfo.InvariantCulture)}.");

    private static float PositiveRate(float value) =>
        value > 0 && float.IsFinite(value) ? value : throw new ArgumentException($"--lr must be a positive number, got {value.ToString(CultureInfo.InvariantCulture)}.");
}
