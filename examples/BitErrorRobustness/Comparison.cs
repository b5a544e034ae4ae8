using System.Globalization;
using System.Text;
using MapDsl.Runtime.BitErrors;

namespace BitErrorRobustness;

/// <summary>
/// The report's comparison with the paper, computed from the run: each ordering the paper found, checked on this run's
/// numbers at 8 bit and p = 1% (and the ablation at p = 0.5%), with the numbers that decide it. "Within noise" means
/// within two standard errors of the difference of two means over the patterns.
/// </summary>
internal static class Comparison
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The section "Against the paper".</summary>
    public static string Markdown(IReadOnlyList<NetworkResults> networks)
    {
        var md = new StringBuilder("## Against the paper\n\n")
            .Append("The paper (CIFAR-10, SimpleNet, 8 bit, RErr at p = 1%) finds Normal > RQuant > Clipping and RandBET at most Clipping ")
            .Append("(clipping w_max 0.1: 9.2%, RandBET p_train 1%: 7.75%); its quantization ablation at p = 0.5% goes 24.76% (per-layer symmetric) ")
            .Append("→ 40.78% (+ asymmetric) → 17.00% (+ unsigned) → 11.28% (+ rounding). Checked on this run:\n\n");
        foreach (var network in networks)
        {
            foreach (int bits in network.Methods.Select(m => m.Method.Bits).Distinct())
            {
                var at = network.Methods.Where(m => m.Method.Bits == bits).ToList();
                var normal = at.First(m => m.Method.Name == "normal");
                var rquant = at.First(m => m.Method.Name == "rquant");
                var clip10 = at.First(m => m.Method.Name == "clipping" && m.Method.WeightClip == 0.1);
                var bestClipping = at.Where(m => m.Method.Name == "clipping").MinBy(m => OnePercent(m)?.RobustErrorMean ?? double.MaxValue)!;
                var randbet = at.First(m => m.Method.Name == "randbet");
                if (new[] { normal, rquant, clip10, bestClipping, randbet }.Any(m => OnePercent(m) is null))
                {
                    md.Append(Invariant, $"- {network.Model}, {bits} bit: the run has no p = 1%, nothing to compare.\n");
                    continue;
                }

                md.Append(Invariant, $"- {network.Model}, {bits} bit, p = 1%: ")
                    .Append(Order("Normal", OnePercent(normal)!, "RQuant", OnePercent(rquant)!)).Append("; ")
                    .Append(Order("RQuant", OnePercent(rquant)!, $"the best clipping (w_max {bestClipping.Method.WeightClip!.Value.ToString(Invariant)})", OnePercent(bestClipping)!)).Append("; ")
                    .Append(AtMost("RandBET", OnePercent(randbet)!, "clipping w_max 0.1", OnePercent(clip10)!))
                    .Append(Invariant, $" (clean error: normal {Pct(normal.CleanError)}, RQuant {Pct(rquant.CleanError)}, clipping w_max 0.1 {Pct(clip10.CleanError)}, RandBET {Pct(randbet.CleanError)}).\n");
            }

            foreach (var bits in network.Ablation.Select(r => r.Bits).Distinct())
            {
                var steps = network.Ablation.Where(r => r.Bits == bits).Select(r => (r.Step, Summary: r.Rates.FirstOrDefault(x => x.Rate == 0.005))).ToList();
                if (steps.Any(s => s.Summary is null))
                {
                    continue;
                }

                md.Append(Invariant, $"- {network.Model}, {bits}-bit ablation at p = 0.5% (RQuant-trained model): ")
                    .Append(string.Join(" → ", steps.Select(s => $"{Pct(s.Summary!.RobustErrorMean)} ({s.Step})")))
                    .Append(".\n");
            }
        }

        return md.Append('\n').ToString();
    }

    private static BitErrorSummary? OnePercent(TrainedMethod method) => method.Rates.FirstOrDefault(r => r.Rate == 0.01);

    // "A > B holds (x% vs y%)", or that it does not, or that the two are within noise.
    private static string Order(string a, BitErrorSummary x, string b, BitErrorSummary y)
    {
        string numbers = $"{Pct(x.RobustErrorMean)} vs {Pct(y.RobustErrorMean)}";
        return x.RobustErrorMean - y.RobustErrorMean > Noise(x, y) ? $"{a} > {b} holds ({numbers})"
            : y.RobustErrorMean - x.RobustErrorMean > Noise(x, y) ? $"{a} > {b} does **not** hold ({numbers})"
            : $"{a} and {b} are within noise ({numbers})";
    }

    private static string AtMost(string a, BitErrorSummary x, string b, BitErrorSummary y)
    {
        string numbers = $"{Pct(x.RobustErrorMean)} vs {Pct(y.RobustErrorMean)}";
        return x.RobustErrorMean <= y.RobustErrorMean + Noise(x, y) ? $"{a} ≤ {b} + noise holds ({numbers})" : $"{a} ≤ {b} + noise does **not** hold ({numbers})";
    }

    // Two standard errors of the difference of the two means.
    private static double Noise(BitErrorSummary x, BitErrorSummary y) =>
        2 * Math.Sqrt((x.RobustErrorStd * x.RobustErrorStd / x.Patterns) + (y.RobustErrorStd * y.RobustErrorStd / y.Patterns));

    private static string Pct(double fraction) => (fraction * 100).ToString("0.00", Invariant) + "%";
}
