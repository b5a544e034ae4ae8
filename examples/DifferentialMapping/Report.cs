using System.Globalization;
using Lab.Differential;
using MapDsl.Experiments;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Campaigns.Reports;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Faults;

namespace DifferentialMapping;

/// <summary>
/// report.md: the runtime's results sections, and what is specific to the paper: the differential / two-column ratio
/// of tolerable rates per sparsity, and a discussion generated from those numbers that says plainly whether the ratio
/// reaches the 10× of Yuan et al. (ISQED 2021), 5×, or neither, and states when the grid only bounds it.
/// </summary>
internal static class Report
{
    private const double PaperRatio = 10;
    private const double HalfwayRatio = 5;

    public static void Write<TWeights>(ExperimentSettings settings, DifferentialNetwork<TWeights> network, FaultMix? mix, PrunedNetworks<TWeights>? networks, IReadOnlyList<CampaignSummary> summaries)
        where TWeights : class, INetworkWeights<TWeights>
    {
        var md = new CampaignMarkdown($"Pruning and differential crossbar mapping under stuck-at faults ({network.Label}, Fashion-MNIST)")
            .Setup(Setup(settings, network))
            .ToleranceDefinition(FaultKind.StuckOn);
        var ratios = Section(md, $"Results: {FaultMix.StuckOnOnly.Describe()}", summaries[0], "accuracy-vs-rate.svg");
        if (mix is not null)
        {
            var mixed = Section(md, $"Results with stuck-off faults: {mix.Describe()}", summaries[1], $"{DifferentialExperiment.MixedSubfolder}/accuracy-vs-rate.svg");
            Compare(md.Heading("Stuck-on only against stuck-on with stuck-off", 3), ratios, mixed, FaultMix.StuckOnOnly.Describe(), mix.Describe());
        }

        var pruning = networks is null ? "\n### Pruning and fine-tuning\n\n(merged from shards: see the shards' console output for the fine-tuning)\n" : PruningTables.Markdown(networks.Rows);
        md.Heading("Notes").Line((Resource("report-notes.md") + (network.Notes is { } notes ? Resource(notes) : string.Empty) + pruning).TrimEnd());
        md.Write(Path.Combine(settings.OutputFolder, "report.md"));
    }

    private static string Resource(string name)
    {
        using var reader = new StreamReader(typeof(Report).Assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }

    private static (string, string)[] Setup<TWeights>(ExperimentSettings s, DifferentialNetwork<TWeights> network)
        where TWeights : class, INetworkWeights<TWeights>
    {
        var zero = TWeights.Zero();
        var norms = zero.Norms.Count > 0 ? $", {zero.Norms.Count} batch norms folded into their convs" : string.Empty;
        return
        [
            ("network", $"{network.Label} ({zero.LayerNames.Count} weighted layers, {zero.LayerNames.Sum(l => zero.WeightsOf(l).Length)} weights{norms}), trained weights {s.Weights}"),
            ("data", s.DataFolder is null ? "the Fashion-MNIST slice shipped in data/fashion-mnist" : $"Fashion-MNIST from {s.DataFolder}"),
            ("test images per evaluation", s.TestImages?.ToString(CultureInfo.InvariantCulture) ?? (s.DataFolder is null ? "all 1,000 of the slice" : "all of the test set (10,000 in Fashion-MNIST)")),
            ("crossbar", FormattableString.Invariant($"{Rram128.Name}: {Rram128.Rows} x {Rram128.Columns} cells, {Rram128.Levels} conductance levels, G_off {Rram128.GOff:G4} S, G_on {Rram128.GOn:G4} S")),
            ("mappings", "two-column and differential (examples/DifferentialMapping/differential.xmap); both use two cells per weight on the same tiles"),
            ("pruning", $"unstructured magnitude pruning of every layer but {network.DenseLayer} to 50, 80 and 90%, then masked fine-tuning"),
            ("fine-tuning", FormattableString.Invariant($"{s.Training.Epochs} epoch(s) of masked SGD (pruned weights stay 0), lr {s.Training.LearningRate}, momentum 0.9 (Nesterov), batch 32, shuffling seed {s.Training.Seed}, on {s.Training.Images?.ToString(CultureInfo.InvariantCulture) ?? (s.DataFolder is null ? "all 4,000" : "all (60,000 in Fashion-MNIST)")} training images")),
            ("fault rates", $"stuck-on cell rate from {RateText.Percent(s.Grid.From)} to {RateText.Percent(s.Grid.To)}, {s.Grid.PerDecade} per decade ({s.Grid.Rates.Count} rates)"),
            ("chips", $"{s.Chips} per rate (fault-map seeds 1..{s.Chips}); a chip's faults are nested across rates and the same for both schemes"),
            ("command", $"dotnet run --project examples/DifferentialMapping -- {s.CommandLine}".TrimEnd()),
        ];
    }

    private static IReadOnlyList<ToleranceRatio> Section(CampaignMarkdown md, string heading, CampaignSummary summary, string plot)
    {
        md.Results(heading, summary, plot).Heading("Differential against two-column", 3);
        var ratios = ToleranceRatio.BySparsity(summary, "differential", "two-column");
        if (ratios.Count == 0)
        {
            md.Line("No sparsity has both a two-column and a differential configuration, so there is no ratio to report.").Line();
            return ratios;
        }

        md.Line("| sparsity | tolerable (two-column) | tolerable (differential) | ratio differential / two-column |").Line("|---:|---:|---:|---:|");
        foreach (var ratio in ratios)
        {
            md.Line($"| {CampaignMarkdown.Percent(ratio.Sparsity)} | {ratio.Denominator.Describe()} | {ratio.Numerator.Describe()} | {ratio.Describe()} |");
        }

        md.Line();
        if (ratios.Any(r => r.Bound != RatioBound.Exact))
        {
            md.Line("\"≥\" and \"≤\" mark ratios that are only bounds, because one of the tolerable rates lies beyond an end of the grid.").Line();
        }

        md.Heading("Discussion", 3);
        foreach (var ratio in ratios)
        {
            md.Line($"- {Verdict(ratio)}");
        }

        md.Line($"- {Unpruned(ratios)}").Line();
        return ratios;
    }

    private static string At(double sparsity) => sparsity == 0 ? "Unpruned" : $"At {CampaignMarkdown.Percent(sparsity)} sparsity";

    private static string Verdict(ToleranceRatio ratio)
    {
        var (at, value) = (At(ratio.Sparsity), ToleranceRatio.Times(ratio.Value));
        var tolerates = $"{at}, differential mapping tolerates {value} the two-column stuck-on rate:";
        return ratio.Bound switch
        {
            RatioBound.Exact when ratio.Value >= PaperRatio => $"{tolerates} this reaches the paper's 10×.",
            RatioBound.Exact when ratio.Value >= HalfwayRatio => $"{tolerates} at least 5×, but short of the paper's 10×.",
            RatioBound.Exact when ratio.Value > 1 => $"{tolerates} an advantage, but below 5× and well short of the paper's 10×.",
            RatioBound.Exact => $"{tolerates} no advantage over two-column mapping.",
            RatioBound.AtLeast when ratio.Value >= PaperRatio => $"{at}, the ratio is at least {value}: it reaches the paper's 10× (the grid bounds it only from below).",
            RatioBound.AtLeast when ratio.Value >= HalfwayRatio => $"{at}, the ratio is at least {value}: it reaches 5×; whether it reaches 10× this grid cannot tell (extend it).",
            RatioBound.AtLeast => $"{at}, the ratio is at least {value}: the grid is too narrow to tell whether it reaches 5× or 10× (extend it).",
            RatioBound.AtMost when ratio.Value < HalfwayRatio => $"{at}, the ratio is at most {value}: it reaches neither 5× nor the paper's 10×.",
            RatioBound.AtMost when ratio.Value < PaperRatio => $"{at}, the ratio is at most {value}: it does not reach the paper's 10×; 5× cannot be ruled out.",
            RatioBound.AtMost => $"{at}, the ratio is at most {value}: the grid cannot tell whether it reaches 10× (extend it).",
            _ => $"{at}, the ratio cannot be determined: both tolerable rates lie beyond the same end of the grid.",
        };
    }

    private static string Unpruned(IReadOnlyList<ToleranceRatio> ratios)
    {
        var (unpruned, pruned) = (ratios.FirstOrDefault(r => r.Sparsity == 0), ratios.LastOrDefault(r => r.Sparsity > 0));
        if (unpruned is null || pruned is null)
        {
            return unpruned is null
                ? "There is no unpruned pair of configurations, so this campaign cannot show whether the effect needs pruning."
                : $"Only the unpruned network was evaluated (ratio {unpruned.Describe()}); the paper's effect comes with pruning, which this campaign does not test.";
        }

        var comparison = $"The unpruned ratio is {unpruned.Describe()}, against {pruned.Describe()} at {CampaignMarkdown.Percent(pruned.Sparsity)} sparsity.";
        if (unpruned.Bound is RatioBound.Exact or RatioBound.AtMost && pruned.Bound is RatioBound.Exact or RatioBound.AtLeast && unpruned.Value < pruned.Value)
        {
            return comparison + " The effect grows with pruning, as the paper's explanation expects: a pruned weight is 0, and differential mapping stores 0 with both cells at G_on, where a stuck-on cell changes nothing.";
        }

        return unpruned.Bound is RatioBound.Exact or RatioBound.AtLeast && unpruned.Value >= HalfwayRatio
            ? comparison + " The unpruned network already shows much of the effect, so here it is not due to pruning alone."
            : comparison + " These numbers do not show the effect growing with pruning.";
    }

    private static void Compare(CampaignMarkdown md, IReadOnlyList<ToleranceRatio> stuckOn, IReadOnlyList<ToleranceRatio> mixed, string stuckOnMix, string mixedMix)
    {
        int lower = 0, compared = 0;
        foreach (var (first, second) in stuckOn.Join(mixed, r => r.Sparsity, r => r.Sparsity, (a, b) => (a, b)))
        {
            if (first.Bound == RatioBound.Exact && second.Bound == RatioBound.Exact)
            {
                compared++;
                lower += second.Value < first.Value ? 1 : 0;
                var change = second.Value < first.Value ? "falls" : second.Value > first.Value ? "rises" : "stays";
                md.Line($"- {At(first.Sparsity)}, the ratio {change} from {first.Describe()} ({stuckOnMix}) to {second.Describe()} ({mixedMix}).");
            }
            else
            {
                md.Line($"- {At(first.Sparsity)}, the ratios are {first.Describe()} ({stuckOnMix}) and {second.Describe()} ({mixedMix}); bounds do not allow a comparison.");
            }
        }

        var expectation = "Differential mapping is expected to lose some of its edge when stuck-off faults are present: its zero weights rest at G_on, so a stuck-off cell pulls them away from 0, while two-column zeros rest at G_off, where a stuck-off cell changes nothing.";
        md.Line().Line(expectation + (compared == 0
            ? " These two campaigns share no sparsity with exact ratios, so they cannot test that."
            : lower == compared
                ? $" The ratio is lower with stuck-off faults at every compared sparsity ({compared}), as expected."
                : $" The ratio is lower with stuck-off faults at {lower} of {compared} compared sparsities, so this campaign confirms that only in part.")).Line();
    }
}
