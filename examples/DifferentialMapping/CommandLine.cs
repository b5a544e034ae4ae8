using System.CommandLine;
using System.Globalization;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Interchange;
using Spectre.Console;

namespace DifferentialMapping;

/// <summary>The program's options, their checks, and what a run prints.</summary>
internal sealed class CommandLine
{
    private readonly Option<string> _output = new("--out") { Description = "Output folder (trials.csv, summary.csv, accuracy-vs-rate.svg, report.md)", DefaultValueFactory = _ => Path.Combine("results", "differential-mapping") };
    private readonly Option<int> _chips = new("--chips") { Description = "Chips (fault-map seeds 1..N) per fault rate", DefaultValueFactory = _ => 20 };
    private readonly Option<string> _rates = new("--rates") { Description = "Stuck-on cell rates of the grid, LOW..HIGH (percent or fraction)", DefaultValueFactory = _ => "0.001%..30%" };
    private readonly Option<int> _perDecade = new("--per-decade") { Description = "Grid points per decade of rate", DefaultValueFactory = _ => 4 };
    private readonly Option<string> _mixed = new("--mixed") { Description = "Stuck-off rule of the second campaign: 'none' to skip it, a rate ('0.1%'), or stuck-on:stuck-off ('9.04:1.75', the default, from faults Measured)", DefaultValueFactory = _ => "9.04:1.75" };
    private readonly Option<int?> _testImages = new("--test-images") { Description = "Test images per evaluation (default: the whole test set)" };
    private readonly Option<int?> _trainImages = new("--train-images") { Description = "Training images for fine-tuning (default: the whole training set)" };
    private readonly Option<int> _epochs = new("--epochs") { Description = "Epochs of masked fine-tuning after pruning", DefaultValueFactory = _ => 2 };
    private readonly Option<float> _learningRate = new("--lr") { Description = "Learning rate of the fine-tuning (SGD, momentum 0.9)", DefaultValueFactory = _ => 0.003f };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed of the fine-tuning's shuffles", DefaultValueFactory = _ => 1 };
    private readonly Option<string?> _shard = new("--shard") { Description = "Run only part i of N of the trials (i/N), e.g. as a cluster job array; merge with --merge" };
    private readonly Option<string[]> _merge = new("--merge") { Description = "Output folders of shards to merge into --out (no trials are run)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<int> _workers = new("--workers") { Description = "Threads evaluating trials", DefaultValueFactory = _ => Environment.ProcessorCount };
    private readonly Option<string?> _data = new("--data") { Description = "Folder with Fashion-MNIST IDX files (default: the shipped slice; the full set is in /usr/share/datasets/fashion-mnist)" };
    private readonly Option<string?> _weights = new("--weights") { Description = "A trained LeNet-5 .safetensors (default: models/lenet5.safetensors)" };

    /// <summary>The program's command: options, checks, and the run itself.</summary>
    public static RootCommand Build(IAnsiConsole console) => new CommandLine().Root(console);

    /// <summary>The settings a command line asks for; throws FormatException or ArgumentException naming the bad option.</summary>
    public static ExperimentSettings SettingsOf(string[] args)
    {
        var line = new CommandLine();
        var result = line.Root(AnsiConsole.Console).Parse(args);
        if (result.Errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", result.Errors.Select(e => e.Message)));
        }

        return line.Settings(result);
    }

    private ExperimentSettings Settings(ParseResult result)
    {
        var (low, high) = ParseRange(result.GetValue(_rates)!);
        var mixText = result.GetValue(_mixed)!;
        var settings = new ExperimentSettings(
            result.GetValue(_output)!,
            result.GetValue(_data),
            result.GetValue(_weights),
            Positive(result.GetValue(_chips), "--chips"),
            low,
            high,
            Positive(result.GetValue(_perDecade), "--per-decade"),
            mixText.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? null : FaultMix.Parse(mixText),
            result.GetValue(_testImages) is { } t ? Positive(t, "--test-images") : null,
            result.GetValue(_trainImages) is { } n ? Positive(n, "--train-images") : null,
            NonNegative(result.GetValue(_epochs), "--epochs"),
            PositiveRate(result.GetValue(_learningRate)),
            result.GetValue(_seed),
            result.GetValue(_shard) is { } s ? ShardSpec.Parse(s) : null,
            Positive(result.GetValue(_workers), "--workers"));
        _ = new RateGrid(settings.LowestRate, settings.HighestRate, settings.PointsPerDecade); // checks the range
        return settings;
    }

    private RootCommand Root(IAnsiConsole console)
    {
        var root = new RootCommand("Differential vs two-column crossbar mapping of a pruned LeNet-5 under stuck-at faults (Yuan et al., ISQED 2021)")
        {
            _output, _chips, _rates, _perDecade, _mixed, _testImages, _trainImages, _epochs, _learningRate, _seed, _shard, _merge, _workers, _data, _weights,
        };

        root.SetAction(result =>
        {
            ExperimentSettings settings;
            try
            {
                settings = Settings(result);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 2;
            }

            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCtrlC = (_, e) =>
            {
                // The first Ctrl-C lets the trials in flight finish and be written; a second one ends the process.
                e.Cancel = !cancel.IsCancellationRequested;
                cancel.Cancel();
                console.MarkupLine("[yellow]Stopping after the trials in flight; every finished trial is in trials.csv. Run the same command again to resume.[/]");
            };
            Console.CancelKeyPress += onCtrlC;
            try
            {
                var mergeFolders = result.GetValue(_merge) ?? [];
                if (mergeFolders.Length > 0)
                {
                    return Merge.Run(mergeFolders, settings, console);
                }

                var outcome = Experiment.Run(settings, console, cancel.Token);
                return Results.Print(outcome, settings, console, string.Join(' ', Environment.GetCommandLineArgs().Skip(1)));
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C during fine-tuning: nothing of the campaign has started, nothing is half-written.
                console.MarkupLine("[yellow]Stopped during fine-tuning; run the same command again to start over.[/]");
                return 130;
            }
            catch (Exception e) when (e is CampaignFileException or IOException or UnauthorizedAccessException or DataFormatException or InterchangeFormatException or InvalidDataException or FormatException or InvalidOperationException)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 1;
            }
            finally
            {
                Console.CancelKeyPress -= onCtrlC;
            }
        });
        return root;
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
