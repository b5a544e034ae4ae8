using System.Globalization;
using System.Text;
using MapDsl.Runtime.BitErrors;
using MapDsl.Runtime.Campaigns.Reports;
using MapDsl.Runtime.IO;

namespace BitErrorRobustness;

/// <summary>rerr.csv, ablation.csv, rerr-vs-p.svg and report.md, each written atomically.</summary>
internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The rates the report's tables show (those of the run that are among them).</summary>
    private static readonly double[] TableRates = [0.005, 0.01, 0.05];

    /// <summary>Writes every file into the output folder.</summary>
    public static void Write(Settings settings, IReadOnlyList<NetworkResults> networks, TimeSpan elapsed)
    {
        Directory.CreateDirectory(settings.OutputFolder);
        AtomicFile.WriteText(Path.Combine(settings.OutputFolder, "rerr.csv"), RerrCsv(networks));
        AtomicFile.WriteText(Path.Combine(settings.OutputFolder, "ablation.csv"), AblationCsv(networks));
        if (settings.Profile is { } profile)
        {
            AtomicFile.WriteText(Path.Combine(settings.OutputFolder, "profiled.csv"), ProfiledCsv(networks, profile));
        }

        var first = networks[0];
        LinePlot.WriteSvg(
            Path.Combine(settings.OutputFolder, "rerr-vs-p.svg"),
            $"{first.Model}, {settings.Bits[0]} bit: robust error under random bit errors",
            "bit error rate p (%)",
            "RErr (%), mean of the patterns",
            [.. first.Methods.Where(m => m.Method.Bits == settings.Bits[0]).Select(m => new LineSeries(
                Describe(m.Method), [.. m.Rates.Select(r => (r.Rate * 100, r.RobustErrorMean * 100))]))]);
        AtomicFile.WriteText(Path.Combine(settings.OutputFolder, "report.md"), Markdown(settings, networks, elapsed));
    }

    private static string RerrCsv(IReadOnlyList<NetworkResults> networks)
    {
        var csv = new StringBuilder("model,method,bits,w_max,p_train,p,rerr_mean,rerr_std,perturbed_err_mean,clean_err,patterns\n");
        foreach (var network in networks)
        {
            foreach (var trained in network.Methods)
            {
                foreach (var rate in trained.Rates)
                {
                    csv.Append(Invariant, $"{network.Model},{MethodColumns(trained.Method)},{F(rate.Rate)},{ErrorColumns(rate, trained.CleanError)}\n");
                }
            }
        }

        return csv.ToString();
    }

    // method,bits,w_max,p_train: what a trained model is.
    private static string MethodColumns(Method m) =>
        string.Create(Invariant, $"{m.Name},{m.Bits},{(m.WeightClip is double w ? F(w) : string.Empty)},{F(m.ErrorRate)}");

    // rerr_mean,rerr_std,perturbed_err_mean,clean_err,patterns: the columns every result file ends with.
    private static string ErrorColumns(BitErrorSummary s, double cleanError) =>
        string.Create(Invariant, $"{F(s.RobustErrorMean)},{F(s.RobustErrorStd)},{F(s.PerturbedErrorMean)},{F(cleanError)},{s.Patterns}");

    private static string ProfiledCsv(IReadOnlyList<NetworkResults> networks, string profile)
    {
        var csv = new StringBuilder("model,method,bits,w_max,p_train,profile,rerr_mean,rerr_std,perturbed_err_mean,clean_err,patterns\n");
        foreach (var network in networks)
        {
            foreach (var trained in network.Profiled)
            {
                var chip = trained.Rates.Single();
                csv.Append(Invariant, $"{network.Model},{MethodColumns(trained.Method)},{Path.GetFileName(profile)},{ErrorColumns(chip, trained.CleanError)}\n");
            }
        }

        return csv.ToString();
    }

    private static string AblationCsv(IReadOnlyList<NetworkResults> networks)
    {
        var csv = new StringBuilder("model,trained_with,step,quantization,bits,p,rerr_mean,rerr_std,perturbed_err_mean,clean_err,patterns\n");
        foreach (var network in networks)
        {
            foreach (var row in network.Ablation)
            {
                foreach (var rate in row.Rates)
                {
                    csv.Append(Invariant, $"{network.Model},rquant,{row.Step},{row.Variant},{row.Bits},{F(rate.Rate)},{ErrorColumns(rate, row.CleanError)}\n");
                }
            }
        }

        return csv.ToString();
    }

    private static string Markdown(Settings settings, IReadOnlyList<NetworkResults> networks, TimeSpan elapsed)
    {
        var md = new StringBuilder();
        md.Append("# Bit error robustness: RQuant, weight clipping and RandBET\n\n")
            .Append("Reproduces the shape of Stutz et al., \"Bit Error Robustness for Energy-Efficient DNN Accelerators\" (MLSys 2021) ")
            .Append("on Fashion-MNIST. Every model is trained quantization-aware with the quantizer it is evaluated with (bet.xmap); ")
            .Append(Invariant, $"{settings.Patterns} random bit error patterns per rate, nested across rates (pattern n is chip seed n). ")
            .Append("RErr counts an image wrong when the clean or the perturbed prediction is wrong (the authors' robust test error); ")
            .Append("\"perturbed\" is the plain test error under the errors. Errors are mean ± standard deviation over the patterns, in %.\n\n")
            .Append(Invariant, $"Settings: {settings.Epochs} epochs, learning rate {settings.LearningRate} (×0.1 at 2/5, 3/5, 4/5), batch {settings.BatchSize}, ")
            .Append(Invariant, $"SGD Nesterov 0.9, weight decay 5e-4, seed {settings.Seed}. Run time {elapsed.TotalMinutes:0.0} min on {settings.Workers} worker(s).\n\n");
        foreach (var network in networks)
        {
            var rates = TableRates.Where(r => network.Methods[0].Rates.Any(x => x.Rate == r)).ToArray();
            md.Append(Invariant, $"## {network.Model}\n\n| method | bits | clean err | ")
                .Append(string.Join(" | ", rates.Select(r => $"RErr p={Pct(r)}")))
                .Append(" | perturbed p=1% |\n|---|---|---|")
                .Append(string.Concat(rates.Select(_ => "---|")))
                .Append("---|\n");
            foreach (var trained in network.Methods)
            {
                md.Append(Invariant, $"| {Describe(trained.Method)} | {trained.Method.Bits} | {trained.CleanError * 100:0.00} | ")
                    .Append(string.Join(" | ", rates.Select(r => Cell(trained.Rates, r))))
                    .Append(Invariant, $" | {Perturbed(trained.Rates, 0.01)} |\n");
            }

            md.Append("\n### Quantization ablation (the RQuant-trained model under each quantization)\n\n| step | bits | clean err | ")
                .Append(string.Join(" | ", settings.AblationRates.Select(r => $"RErr p={Pct(r)}")))
                .Append(" |\n|---|---|---|")
                .Append(string.Concat(settings.AblationRates.Select(_ => "---|")))
                .Append('\n');
            foreach (var row in network.Ablation)
            {
                md.Append(Invariant, $"| {row.Step} | {row.Bits} | {row.CleanError * 100:0.00} | ")
                    .Append(string.Join(" | ", settings.AblationRates.Select(r => Cell(row.Rates, r))))
                    .Append(" |\n");
            }

            md.Append('\n');
        }

        md.Append(Comparison.Markdown(networks)).Append(Choices);
        return md.ToString();
    }

    private const string Choices = """
        ## Choices that are ours

        - **Data and scale.** Fashion-MNIST (the shipped 4,000/1,000 slice by default; `--data` for the full set) instead of the
          paper's MNIST and CIFAR-10, the MLP 784-256-10 and LeNet-5 instead of SimpleNet, and 20 epochs instead of 100, so the
          default run fits in minutes on 2 cores. Every method starts from the same He initialisation (seed 1) and sees the
          same batches. The optimiser is the paper's: SGD, Nesterov momentum 0.9, weight decay 5e-4 on the weights (not the
          biases), learning rate 0.05 ×0.1 at 2/5, 3/5 and 4/5 of training, batch 128.
        - **Biases are codes too**, as in the authors' code: every mapping of bet.xmap says `biases`, so each layer's biases
          are quantized with the same quantizer (their own range) and their stored bits flip like the weights'. Clipping
          projects the biases to ±w_max as well, as their projection does.
        - **Normal** is per-layer symmetric quantization with signed codes and truncation (the first row of their ablation),
          trained quantization-aware like every other method. Their symmetric quantizer adds 0.001 to max|w| before taking
          the step; ours uses max|w| itself (the v1 grid of the language). Rounding takes halves away from zero (theirs:
          to even). The asymmetric grids are theirs exactly (Δ = 1.001 / (2^(m−1) − 1)).
        - **Ablation.** One trained model (RQuant-trained, per word width) under each quantization, as the issue asks; the
          paper trains one model per row. So the truncating rows see a model trained with rounding: truncating unsigned
          codes floors them, a systematic shift of half a step downward that quantization-aware training with that
          quantizer would absorb, and which at 4 bits is a large share of a weight's range.
        - **Patterns.** Pattern n is the mapping's fault sampler with chip seed n (1 … 50), not the authors' seeds 100 … 149;
          both draw one uniform per stored bit, so patterns are nested across rates in the same way.
        - **RandBET.** One perturbed pattern per step (population 1), perturbed gradients clipped to ±0.05, the authors'
          average_simple_curriculum with threshold 1.75 starting with injection off; the pattern of step s is the sampler's
          with a seed hashed from the training seed and s.

        """;

    /// <summary>The legend and table name of a method: <c>clipping w_max 0.05</c>.</summary>
    public static string Describe(Method method) => method.Name switch
    {
        "clipping" => $"clipping w_max {method.WeightClip!.Value.ToString(Invariant)}",
        "randbet" => $"randbet p_train {Pct(method.ErrorRate)}, w_max {method.WeightClip!.Value.ToString(Invariant)}",
        _ => method.Name,
    };

    private static string Cell(IReadOnlyList<BitErrorSummary> rates, double rate) =>
        rates.FirstOrDefault(r => r.Rate == rate) is { } s ? string.Create(Invariant, $"{s.RobustErrorMean * 100:0.00} ± {s.RobustErrorStd * 100:0.00}") : "–";

    private static string Perturbed(IReadOnlyList<BitErrorSummary> rates, double rate) =>
        rates.FirstOrDefault(r => r.Rate == rate) is { } s ? string.Create(Invariant, $"{s.PerturbedErrorMean * 100:0.00}") : "–";

    private static string Pct(double rate) => (rate * 100).ToString("0.###", Invariant) + "%";

    private static string F(double value) => value.ToString("R", Invariant);
}
