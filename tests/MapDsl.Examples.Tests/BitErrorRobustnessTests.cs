extern alias bet;

using System.Globalization;
using bet::BitErrorRobustness;
using MapDsl.Runtime.BitErrors;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Data;
using Spectre.Console;
using Mlp = bet::Lab.Mlp.Mlp;
using MapDsl.Examples.Tests.Support;

namespace MapDsl.Examples.Tests;

/// <summary>
/// A reduced run of examples/BitErrorRobustness (the MLP at 8 bit, 2 epochs on 512 images, 4 patterns at 2 rates,
/// 200 test images): its files and their invariants, a row recomputed from the cached model, the ablation's RQuant row
/// equal to the method's, and a rerun that reuses the trained models and writes the same files.
/// </summary>
public sealed class BitErrorRobustnessTests : IDisposable
{
    private readonly TempFolder _folder = new("bet");

    public void Dispose() => _folder.Dispose();

    private string[] Args() =>
        ["--out", _folder.Path, "--network", "mlp", "--bits", "8", "--epochs", "2", "--patterns", "4", "--train-images", "512", "--test-images", "200",
         "--rates", "1%,5%", "--ablation-rates", "1%", "--workers", "2"];

    private static (int Code, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 1000; // messages on one line each
        int code = BitErrorExperiment.Run(args, console);
        return (code, output.ToString());
    }

    [Fact]
    public void The_reduced_run_writes_every_method_and_rate_with_consistent_errors_and_a_rerun_only_evaluates()
    {
        Run(Args()).Code.ShouldBe(0);
        var rerr = File.ReadAllLines(_folder.File("rerr.csv"));
        var ablation = File.ReadAllLines(_folder.File("ablation.csv"));
        var report = File.ReadAllText(_folder.File("report.md"));

        rerr[0].ShouldBe("model,method,bits,w_max,p_train,p,rerr_mean,rerr_std,perturbed_err_mean,clean_err,patterns");
        var rows = rerr.Skip(1).Select(l => l.Split(',')).ToList();
        rows.Select(r => (r[1], r[3], r[4])).Distinct().ShouldBe(
            [("normal", "", "0"), ("rquant", "", "0"), ("clipping", "0.1", "0"), ("clipping", "0.05", "0"), ("randbet", "0.1", "0.01")]);
        foreach (var row in rows)
        {
            (row[0], row[2], row[10]).ShouldBe(("mlp", "8", "4"));
            row[5].ShouldBeOneOf("0.01", "0.05");
            double rerrMean = D(row[6]), perturbed = D(row[8]), clean = D(row[9]);

            // An image counted wrong under errors is wrong in RErr too, and so is one the clean network gets wrong.
            rerrMean.ShouldBeGreaterThanOrEqualTo(perturbed);
            rerrMean.ShouldBeGreaterThanOrEqualTo(clean);
            rerrMean.ShouldBeLessThanOrEqualTo(1);
            D(row[7]).ShouldBeGreaterThanOrEqualTo(0);
        }

        // One row from the cached model, evaluated again here.
        var weights = Mlp.Weights.LoadSafetensors(_folder.File("models", "mlp-clipping-8bit-w0.05.safetensors"));
        var test = Datasets.FashionTest().Take(200);
        var evaluation = new BitErrorEvaluation<Mlp.Weights>(new MappingEvaluation<Mlp.Weights>(bet::Lab.BitErrors.MlpClip05B8.Instance, weights, test));
        var summary = BitErrorSummary.Of(evaluation.Run([0.05], patterns: 4)).Single();
        var recorded = rows.Single(r => r[1] == "clipping" && r[3] == "0.05" && r[5] == "0.05");
        (D(recorded[6]), D(recorded[7]), D(recorded[8]), D(recorded[9])).ShouldBe(
            (summary.RobustErrorMean, summary.RobustErrorStd, summary.PerturbedErrorMean, evaluation.CleanError));

        // The ablation's last step is RQuant itself, on the RQuant-trained model: the method's row.
        ablation[0].ShouldBe("model,trained_with,step,quantization,bits,p,rerr_mean,rerr_std,perturbed_err_mean,clean_err,patterns");
        ablation.Length.ShouldBe(1 + 4);
        var robust = ablation.Single(l => l.Contains(",Robust,", StringComparison.Ordinal)).Split(',');
        var rquant = rows.Single(r => r[1] == "rquant" && r[5] == "0.01");
        robust[6..].ShouldBe(rquant[6..]);

        var rerun = Run(Args());
        rerun.Code.ShouldBe(0);
        rerun.Output.ShouldContain("trained model reused");
        File.ReadAllLines(_folder.File("rerr.csv")).ShouldBe(rerr);
        File.ReadAllLines(_folder.File("ablation.csv")).ShouldBe(ablation);
        Without(File.ReadAllText(_folder.File("report.md"))).ShouldBe(Without(report));
        File.Exists(_folder.File("rerr-vs-p.svg")).ShouldBeTrue();
    }

    [Fact]
    public void A_profiled_chip_is_evaluated_for_every_model_it_fits_and_a_bad_profile_names_its_line()
    {
        string profile = _folder.File("chip.profile");
        File.WriteAllText(profile, "mapdsl-bit-error-profile 1\nrate 0.002\nlayer out\nbit 12 7 1\n");
        string[] args =
            ["--out", _folder.Path, "--network", "mlp", "--bits", "8", "--epochs", "2", "--patterns", "3", "--train-images", "512", "--test-images", "200",
             "--rates", "1%", "--ablation-rates", "1%", "--profile", profile];

        Run(args).Code.ShouldBe(0);

        var rows = File.ReadAllLines(_folder.File("profiled.csv"));
        rows[0].ShouldBe("model,method,bits,w_max,p_train,profile,rerr_mean,rerr_std,perturbed_err_mean,clean_err,patterns");
        rows.Length.ShouldBe(1 + 5);
        foreach (var row in rows.Skip(1).Select(r => r.Split(',')))
        {
            (row[0], row[2], row[5], row[10]).ShouldBe(("mlp", "8", "chip.profile", "3"));
            D(row[6]).ShouldBeGreaterThanOrEqualTo(Math.Max(D(row[8]), D(row[9])));
        }

        File.WriteAllText(profile, "mapdsl-bit-error-profile 1\nlayer out\nbit 12 9\n");
        var (code, output) = Run(args);
        code.ShouldBe(1);
        output.ShouldContain("line 3: expected 'rate P', 'layer NAME' or 'bit WEIGHT BIT PROBABILITY'");
    }

    [Theory]
    [InlineData("--network", "resnet", "--network must be mlp, lenet5 or both")]
    [InlineData("--bits", "6", "--bits takes 8 and/or 4")]
    [InlineData("--rates", "0%", "--rates needs rates in (0, 100%]")]
    [InlineData("--patterns", "0", "--patterns must be at least 1")]
    [InlineData("--epochs", "many", "many")]
    public void Bad_arguments_are_exit_code_2_with_what_was_wrong(string option, string value, string message)
    {
        var (code, output) = Run("--out", _folder.Path, option, value);
        code.ShouldBe(2);
        output.ShouldContain(message);
        Directory.EnumerateFileSystemEntries(_folder.Path).ShouldBeEmpty();
    }

    [Fact]
    public void A_run_on_a_folder_another_run_holds_exits_with_1_naming_the_lock_and_writes_nothing()
    {
        using var other = OutputFolderLock.Acquire(_folder.Path, "the first run");

        var (code, output) = Run(Args());

        code.ShouldBe(1);
        output.ShouldContain($"its lock {other.LockPath} is held by process {Environment.ProcessId}");
        Directory.EnumerateFileSystemEntries(_folder.Path).Select(Path.GetFileName).Order().ShouldBe([OutputFolderLock.LockFileName, OutputFolderLock.HolderFileName]);
    }

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    // The run time differs between runs; everything else in the report must not.
    private static string Without(string report) => string.Join('\n', report.Split('\n').Where(l => !l.StartsWith("Settings:", StringComparison.Ordinal)));
}
