using System.CommandLine;
using System.Globalization;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Interchange;
using Spectre.Console;

namespace DifferentialMapping;

/// <summary>The program's options, their checks, and what a run prints.</summary>
internal static class CommandLine
{
    public static RootCommand Build(IAnsiConsole console)
    {
        var output = new Option<string>("--out") { Description = "Output folder (trials.csv, summary.csv, accuracy-vs-rate.svg, report.md)", DefaultValueFactory = _ => Path.Combine("results", "differential-mapping") };
        var chips = new Option<int>("--chips") { Description = "Chips (fault-map seeds 1..N) per fault rate", DefaultValueFactory = _ => 20 };
        var rates = new Option<string>("--rates") { Description = "Stuck-on cell rates of the grid, LOW..HIGH (percent or fraction)", DefaultValueFactory = _ => "0.001%..30%" };
        var perDecade = new Option<int>("--per-decade") { Description = "Grid points per decade of rate", DefaultValueFactory = _ => 2 };
        var mixed = new Option<string>("--mixed") { Description = "Stuck-off rule of the second campaign: 'none' to skip it, a rate ('0.1%'), or stuck-on:stuck-off ('9.04:1.75', the default, from faults Measured)", DefaultValueFactory = _ => "9.04:1.75" };
        var testImages = new Option<int?>("--test-images") { Description = "Test images per evaluation (default: the whole test set)" };
        var trainImages = new Option<int?>("--train-images") { Description = "Training images for fine-tuning (default: the whole training set)" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs of masked fine-tuning after pruning", DefaultValueFactory = _ => 2 };
        var learningRate = new Option<float>("--lr") { Description = "Learning rate of the fine-tuning (SGD, momentum 0.9)", DefaultValueFactory = _ => 0.003f };
        var seed = new Option<int>("--seed") { Description = "Seed of the fine-tuning's shuffles", DefaultValueFactory = _ => 1 };
        var shard = new Option<string?>("--shard") { Description = "Run only part i of N of the trials (i/N), e.g. as a cluster job array; merge with --merge" };
        var merge = new Option<string[]>("--merge") { Description = "Output folders of shards to merge into --out (no trials are run)", AllowMultipleArgumentsPerToken = true };
        var workers = new Option<int>("--workers") { Description = "Threads evaluating trials", DefaultValueFactory = _ => Environment.ProcessorCount };
        var data = new Option<string?>("--data") { Description = "Folder with Fashion-MNIST IDX files (default: the shipped slice; the full set is in /usr/share/datasets/fashion-mnist)" };
        var weights = new Option<string?>("--weights") { Description = "A trained LeNet-5 .safetensors (default: models/lenet5.safetensors)" };
        var root = new RootCommand("Differential vs two-column crossbar mapping of a pruned LeNet-5 under stuck-at faults (Yuan et al., ISQED 2021)")
        {
            output, chips, rates, perDecade, mixed, testImages, trainImages, epochs, learningRate, seed, shard, merge, workers, data, weights,
        };

        root.SetAction(result =>
        {
            ExperimentSettings settings;
            try
            {
                var (low, high) = ParseRange(result.GetValue(rates)!);
                var mixText = result.GetValue(mixed)!;
                settings = new ExperimentSettings(
                    result.GetValue(output)!,
                    result.GetValue(data),
                    result.GetValue(weights),
                    Positive(result.GetValue(chips), "--chips"),
                    low,
                    high,
                    Positive(result.GetValue(perDecade), "--per-decade"),
                    mixText.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? null : FaultMix.Parse(mixText),
                    result.GetValue(testImages) is { } t ? Positive(t, "--test-images") : null,
                    result.GetValue(trainImages) is { } n ? Positive(n, "--train-images") : null,
                    NonNegative(result.GetValue(epochs), "--epochs"),
                    PositiveRate(result.GetValue(learningRate)),
                    result.GetValue(seed),
                    result.GetValue(shard) is { } s ? ShardSpec.Parse(s) : null,
                    Positive(result.GetValue(workers), "--workers"));
                _ = new RateGrid(settings.LowestRate, settings.HighestRate, settings.PointsPerDecade); // checks the range
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
                var mergeFolders = result.GetValue(merge) ?? [];
                if (mergeFolders.Length > 0)
                {
                    return Merge.Run(mergeFolders, settings, console);
                }

                var outcome = Experiment.Run(settings, console, cancel.Token);
                return Results.Print(outcome, settings, console, string.Join(' ', Environment.GetCommandLineArgs().Skip(1)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DataFormatException or InterchangeFormatException or InvalidDataException or FormatException or InvalidOperationException)
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
