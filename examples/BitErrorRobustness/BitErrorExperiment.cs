using System.CommandLine;
using System.Diagnostics;
using MapDsl.Experiments;
using MapDsl.Runtime.BitErrors;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Faults.Files;
using Spectre.Console;

namespace BitErrorRobustness;

/// <summary>The command line of the experiment, and the run it starts.</summary>
internal static class BitErrorExperiment
{
    private static readonly Option<string> Out = new("--out") { Description = "Folder of the result files (and of the trained-model cache, models/)", DefaultValueFactory = _ => Path.Combine("results", "bit-error-robustness") };
    private static readonly Option<string> Network = new("--network") { Description = "mlp, lenet5 or both", DefaultValueFactory = _ => "both" };
    private static readonly Option<string> Bits = new("--bits") { Description = "Word widths, comma-separated", DefaultValueFactory = _ => "8,4" };
    private static readonly Option<int> Epochs = new("--epochs") { Description = "Training epochs of every method", DefaultValueFactory = _ => 20 };
    private static readonly Option<float> LearningRate = new Option<float>("--lr") { Description = "Initial learning rate (the authors' MNIST setting: 0.05)", DefaultValueFactory = _ => 0.05f }.ReadInvariantly();
    private static readonly Option<int> Batch = new("--batch") { Description = "Images per training step", DefaultValueFactory = _ => 128 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the initial weights, shuffles and training bit errors", DefaultValueFactory = _ => 1 };
    private static readonly Option<string> Rates = new("--rates") { Description = "Bit error rates p, comma-separated (the authors' MNIST grid by default)", DefaultValueFactory = _ => "0.1%,0.5%,1%,2%,3%,4%,5%,10%,15%,20%" };
    private static readonly Option<string> AblationRates = new("--ablation-rates") { Description = "Bit error rates of the quantization ablation", DefaultValueFactory = _ => "0.5%,1%,5%" };
    private static readonly Option<int> Patterns = new("--patterns") { Description = "Random bit error patterns per rate (nested across rates)", DefaultValueFactory = _ => 50 };
    private static readonly Option<int> Workers = new("--workers") { Description = "Threads of the evaluations", DefaultValueFactory = _ => Environment.ProcessorCount };
    private static readonly Option<int?> TrainImages = new("--train-images") { Description = "Use the first N training images (default: all of the data set)" };
    private static readonly Option<int?> TestImages = new("--test-images") { Description = "Use the first N test images (default: all of the data set)" };
    private static readonly Option<string?> Profile = new("--profile") { Description = "A measured chip's bit error profile (docs/bit-error-profile.md): every model it fits is also evaluated under its patterns, into profiled.csv" };
    private static readonly Option<string?> Data = new("--data") { Description = "Folder with the Fashion-MNIST IDX files, e.g. /usr/share/datasets/fashion-mnist (default: the shipped slice)" };

    /// <summary>Parses <paramref name="args"/> and runs; returns the exit code (0 done, 1 failed, 2 bad arguments, 130 stopped).</summary>
    public static int Run(string[] args) => Run(args, AnsiConsole.Console);

    /// <summary>As <see cref="Run(string[])"/>, writing to <paramref name="console"/>.</summary>
    public static int Run(string[] args, IAnsiConsole console)
    {
        var root = new RootCommand("Bit error robustness (Stutz et al., MLSys 2021): RQuant, weight clipping and RandBET under random bit errors of the stored weights")
        {
            Out, Network, Bits, Epochs, LearningRate, Batch, Seed, Rates, AblationRates, Patterns, Workers, TrainImages, TestImages, Data, Profile,
        };
        root.SetAction((result, cancel) => Task.FromResult(Execute(result, console, cancel)));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // Wrong arguments are exit code 2, like the experiment's own checks (System.CommandLine would return 1).
            foreach (var error in parsed.Errors)
            {
                console.MarkupLine($"[red]{Markup.Escape(error.Message)}[/]");
            }

            return 2;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = console.Profile.Out.Writer, Error = console.Profile.Out.Writer });
    }

    private static int Execute(ParseResult result, IAnsiConsole console, CancellationToken cancel)
    {
        Settings settings;
        try
        {
            settings = SettingsOf(result);
        }
        catch (Exception bad) when (bad is ArgumentException or FormatException)
        {
            console.MarkupLine($"[red]{Markup.Escape(bad.Message)}[/]");
            return 2;
        }

        try
        {
            // One run per output folder (its model cache included); a second is refused before it writes anything.
            using var folderLock = OutputFolderLock.Acquire(settings.OutputFolder);
            var train = Slice(Datasets.FashionTrain(settings.DataFolder), settings.TrainImages);
            var test = Slice(Datasets.FashionTest(settings.DataFolder), settings.TestImages);
            var profile = settings.Profile is { } file ? BitErrorProfileFile.Load(file) : null;
            var clock = Stopwatch.StartNew();
            var results = Progress.Show(console, progress => settings.Networks.Select(network => network == "mlp"
                ? new NetworkRun<Lab.Mlp.Mlp.Weights>("mlp", "Mlp", settings, progress).Run(train, test, profile, cancel)
                : new NetworkRun<Lab.LeNet.LeNet5.Weights>("lenet5", "LeNet", settings, progress).Run(train, test, profile, cancel)).ToList());
            Report.Write(settings, results, clock.Elapsed);
            console.MarkupLine($"Wrote rerr.csv, ablation.csv, rerr-vs-p.svg and report.md to {Markup.Escape(settings.OutputFolder)} in {clock.Elapsed.TotalMinutes:0.0} min.");
            return 0;
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]Stopped; trained models are kept in the model cache, a rerun only evaluates them.[/]");
            return 130;
        }
        catch (Exception failure) when (failure is DataFormatException or FaultMapFormatException or IOException or InvalidOperationException or ArgumentException)
        {
            console.MarkupLine($"[red]{Markup.Escape(failure.Message)}[/]");
            return 1;
        }
    }

    private static Settings SettingsOf(ParseResult result)
    {
        string network = result.GetValue(Network)!;
        string[] networks = network switch
        {
            "both" => ["mlp", "lenet5"],
            "mlp" or "lenet5" => [network],
            _ => throw new ArgumentException($"--network must be mlp, lenet5 or both, got '{network}'."),
        };
        int[] bits = [.. result.GetValue(Bits)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(b =>
            int.TryParse(b, out int value) && value is 8 or 4 ? value : throw new ArgumentException($"--bits takes 8 and/or 4 (the mappings of bet.xmap), got '{b}'."))];
        Positive(result.GetValue(Epochs), "--epochs");
        Positive(result.GetValue(Batch), "--batch");
        Positive(result.GetValue(Patterns), "--patterns");
        Positive(result.GetValue(Workers), "--workers");
        return new Settings(
            result.GetValue(Out)!, networks, bits, result.GetValue(Epochs), result.GetValue(LearningRate), result.GetValue(Batch), result.GetValue(Seed),
            RatesOf(result.GetValue(Rates)!, "--rates"), RatesOf(result.GetValue(AblationRates)!, "--ablation-rates"), result.GetValue(Patterns),
            result.GetValue(Workers), result.GetValue(TrainImages), result.GetValue(TestImages), result.GetValue(Data), result.GetValue(Profile));
    }

    private static double[] RatesOf(string text, string option)
    {
        double[] rates = [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(RateText.Parse)];
        return rates.Length > 0 && rates.All(r => r > 0 && r <= 1)
            ? rates
            : throw new ArgumentException($"{option} needs rates in (0, 100%], got '{text}'.");
    }

    private static void Positive(int value, string option)
    {
        if (value < 1)
        {
            throw new ArgumentException($"{option} must be at least 1, got {value}.");
        }
    }

    private static ImageSet Slice(ImageSet set, int? count) => count is int n && n < set.Count
        ? n >= 1 ? set.Take(n) : throw new ArgumentException($"Image counts must be at least 1, got {n}.")
        : set;
}
