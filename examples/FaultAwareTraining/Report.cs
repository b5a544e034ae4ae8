using System.Globalization;
using System.Text;
using MapDsl.Experiments;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Campaigns.Reports;
using MapDsl.Runtime.FaultAware;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.IO;

namespace FaultAwareTraining;

/// <summary>resilience.csv, resilience-map.csv and report.md of the resilience analysis.</summary>
internal static class Report
{
    // The fault-free accuracy D is measured against: the trained network itself (no faults, no retraining).
    private static double FaultFree(IReadOnlyList<TrialRow> rows) =>
        rows.Single(r => r.Trial.IsBaseline && ResilienceExperiment.EpochsOf(r.Trial.Configuration) == 0).Accuracy;

    private static ResiliencePoint[] Points(IReadOnlyList<TrialRow> rows) => [.. rows.Where(r => !r.Trial.IsBaseline)
        .Select(r => new ResiliencePoint(r.Trial.Rates.Pe, ResilienceExperiment.EpochsOf(r.Trial.Configuration), r.Trial.Chip, r.Accuracy))
        .OrderBy(p => p.Rate).ThenBy(p => p.Epochs).ThenBy(p => p.Map)];

    /// <summary>The resilience map of the campaign's rows for the allowed drop.</summary>
    public static ResilienceMap MapOf(IReadOnlyList<TrialRow> rows, double drop) => ResilienceMap.From(Points(rows), FaultFree(rows), drop);

    public static void Write(
        ExperimentSettings settings, string folder, string network, double drop, IReadOnlyList<TrialRow> rows, CampaignSummary summary,
        Population.Results? population)
    {
        double faultFree = FaultFree(rows);
        ResiliencePoint[] points = Points(rows);
        var map = ResilienceMap.From(points, faultFree, drop);
        var csv = new StringBuilder("rate,epochs,map,accuracy\n");
        foreach (var p in points)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{p.Rate:R},{p.Epochs:R},{p.Map},{p.Accuracy:R}\n");
        }

        AtomicFile.WriteText(Path.Combine(folder, "resilience.csv"), csv.ToString());
        AtomicFile.WriteText(Path.Combine(folder, "resilience-map.csv"), map.Csv());
        var mean = new double[map.Rates.Count, map.Epochs.Count];
        for (int r = 0; r < map.Rates.Count; r++)
        {
            for (int e = 0; e < map.Epochs.Count; e++)
            {
                mean[r, e] = points.Where(p => p.Rate == map.Rates[r] && p.Epochs == map.Epochs[e]).Average(p => p.Accuracy);
            }
        }

        AccuracyHeatmap.WriteSvg(
            Path.Combine(folder, "resilience.svg"),
            $"{ResilienceExperiment.NameOf(network)} on a 16x16 systolic array: accuracy after fault-aware training (mean over maps)",
            "bypassed PEs",
            "retraining (epochs); outlined: E* by the mean",
            [.. map.Rates.Select(r => RateText.Percent(r))],
            [.. map.Epochs.Select(e => Epochs(e))],
            mean,
            [.. Enumerable.Range(0, map.Rates.Count).Select(r => map.EpochsNeededAt(r, ResilienceBasis.Mean) is { } e ? map.Epochs.ToList().IndexOf(e) : (int?)null)]);

        var md = new CampaignMarkdown($"Fault-aware training on a faulty systolic array: resilience analysis ({ResilienceExperiment.NameOf(network)}, Fashion-MNIST)")
            .Setup(Setup(settings, network, drop, faultFree))
            .ToleranceDefinition(FaultKind.Pe)
            .Results("Accuracy against the rate of bypassed PEs, per retraining amount", summary, "accuracy-vs-rate.svg");
        md.Heading("Resilience map");
        md.Line("![accuracy after fault-aware training by PE fault rate and retraining](resilience.svg)").Line();
        md.Line(FormattableString.Invariant($"E*(r): the least retraining (of the amounts measured) after which the chip's accuracy is at least {CampaignMarkdown.Accuracy(map.Threshold)} (fault-free {CampaignMarkdown.Accuracy(faultFree)} minus D = {100 * drop:0.##} percentage point{(drop == 0.01 ? "" : "s")}), judged on the mean over the rate's fault maps or on the worst map; \"unusable\" where no amount suffices.")).Line();
        md.Line($"| PE fault rate | E* (mean over maps) | E* (worst map) | mean accuracy without retraining | mean accuracy after {Epochs(map.Epochs[^1])} epochs |").Line("|---:|---:|---:|---:|---:|");
        for (int i = 0; i < map.Rates.Count; i++)
        {
            var atRate = points.Where(p => p.Rate == map.Rates[i]).ToArray();
            md.Line($"| {RateText.Percent(map.Rates[i])} | {Epochs(map.EpochsNeededAt(i, ResilienceBasis.Mean))} | {Epochs(map.EpochsNeededAt(i, ResilienceBasis.Worst))} | " +
                $"{CampaignMarkdown.Accuracy(atRate.Where(p => p.Epochs == 0).Average(p => p.Accuracy))} | {CampaignMarkdown.Accuracy(atRate.Where(p => p.Epochs == map.Epochs[^1]).Average(p => p.Accuracy))} |");
        }

        md.Line();
        if (population is { } chips)
        {
            var (perChip, grouped) = Population.PlannedCosts(map, chips.Faults);
            LinePlot.WriteSvg(
                Path.Combine(folder, "cost.svg"), "Retraining the resilience map plans for the first k chips", "chips", "total epochs (E* by the worst map)",
                [new LineSeries("per chip", perChip), new LineSeries("grouped (fused maps)", grouped)]);
            PopulationSection(md, chips.Chips, chips.Cost, chips.Source);
        }

        md.Heading("Notes").Line(Notes.TrimEnd());
        md.Write(Path.Combine(folder, "report.md"));
    }

    private static void PopulationSection(CampaignMarkdown md, IReadOnlyList<ChipRow> chips, IReadOnlyList<CostRow> cost, string source)
    {
        md.Heading("A population of chips: per-chip retraining against fused groups");
        md.Line((source.StartsWith("profiled", StringComparison.Ordinal)
                ? $"{chips.Count} profiled chips, one per fault-map file ({source}; chip i is the i-th file). "
                : string.Create(CultureInfo.InvariantCulture, $"{chips.Count} chips, each with its own bypassed-PE rate drawn log-uniformly over the grid's range (seed {Population.RateSeed}) and its own map (seeds {Population.FirstChipSeed}..")
                  + string.Create(CultureInfo.InvariantCulture, $"{Population.FirstChipSeed + (ulong)chips.Count - 1}). "))
            + "Per chip: fault-aware training on its own map for E*(rate) epochs by the worst map (its rate rounded up to the grid), more (the next measured amounts) while it misses D. "
            + "Grouped: greedy grouping by the saving E*(a) + E*(b) - E*(a ∪ b); one retraining per group on the union of its members' maps for E* of the fused rate; every member is then evaluated on its own map with the group's network, and a member that misses D is retrained alone (counted).")
            .Line();
        md.Line("![planned retraining against the number of chips](cost.svg)").Line();
        md.Line("| method | total epochs | retraining runs | chips within D | chips |").Line("|---|---:|---:|---:|---:|");
        foreach (var row in cost)
        {
            md.Line(FormattableString.Invariant($"| {row.Method} | {row.TotalEpochs:0.##} | {row.RetrainingRuns} | {row.ChipsMeetingConstraint} | {row.Chips} |"));
        }

        var (perChip, grouped) = (cost[0], cost[1]);
        md.Line().Line(string.Create(
            CultureInfo.InvariantCulture,
            $"Grouping {(grouped.TotalEpochs < perChip.TotalEpochs ? "saves" : "does not save")} retraining: {grouped.TotalEpochs:0.##} epochs in {grouped.RetrainingRuns} runs against {perChip.TotalEpochs:0.##} in {perChip.RetrainingRuns}, ")
            + string.Create(CultureInfo.InvariantCulture, $"with {grouped.ChipsMeetingConstraint} of {grouped.Chips} chips within D (per chip: {perChip.ChipsMeetingConstraint}). Chips whose own rate is unusable cannot meet D by either method."))
            .Line();
        md.Line("| chip | PE rate | own epochs | group | fused rate | group epochs | accuracy, own FAT | accuracy, group's network | within D |").Line("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var c in chips)
        {
            md.Line($"| {c.Chip} | {RateText.Percent(c.PeRate)} | {Epochs(c.OwnEpochs)} | {c.Group} | {RateText.Percent(c.GroupRate)} | {Epochs(c.GroupEpochs)} | " +
                $"{CampaignMarkdown.Accuracy(c.AccuracyOwnFat)} | {CampaignMarkdown.Accuracy(c.AccuracyGroupModel)}{(c.RetrainedAlone ? " (retrained alone)" : string.Empty)} | {(c.MeetsConstraint ? "yes" : "no")} |");
        }

        md.Line();
    }

    private static string Epochs(double? epochs) => epochs is { } e ? e.ToString("0.##", CultureInfo.InvariantCulture) : "unusable";

    private static (string, string)[] Setup(ExperimentSettings s, string network, double drop, double faultFree) =>
    [
        ("network", $"{ResilienceExperiment.NameOf(network)} ({s.WeightsPath ?? $"models/{network}.safetensors"}), {CampaignMarkdown.Accuracy(faultFree)} fault-free on the test images"),
        ("array", "16 x 16 weight-stationary systolic array (examples/FaultAwareTraining/fat.xmap); a bypassed PE contributes 0 for every weight stationed on it, in every tile"),
        ("data", s.DataFolder is null ? "the Fashion-MNIST slice shipped in data/fashion-mnist (4,000 training, 1,000 test images)" : $"Fashion-MNIST from {s.DataFolder}"),
        ("fault rates", $"bypassed-PE rate from {RateText.Percent(s.Grid.From)} to {RateText.Percent(s.Grid.To)}, {s.Grid.PerDecade} per decade ({s.Grid.Rates.Count} rates), {s.Chips} random fault maps per rate (chip seeds 1..{s.Chips}, nested across rates)"),
        ("retraining", FormattableString.Invariant($"fault-aware training from the trained network with each map held: {string.Join(", ", ResilienceExperiment.AmountsUpTo(s.Training.Epochs))} epochs; SGD lr {s.Training.LearningRate}, Nesterov momentum 0.9, batch 32, shuffling seed {s.Training.Seed}")),
        ("allowed drop D", FormattableString.Invariant($"{100 * drop:0.##} percentage point{(drop == 0.01 ? "" : "s")} below the fault-free accuracy")),
        ("command", $"dotnet run -c Release --project examples/FaultAwareTraining -- {s.CommandLine}".TrimEnd()),
    ];

    private const string Notes = """
        Choices that are ours (the paper's full text is not available here, only its abstract):

        - Fault-aware training holds the chip's fault map: weights on bypassed PEs are 0 in every forward pass and
          get no update; everything else trains with plain SGD from the trained network. The retraining amounts are
          measured at checkpoints of one run per map as long as the longest amount, which with one seed gives exactly
          what a separate run per amount gives (fractions of an epoch are the first batches of the next shuffled epoch).
        - D is measured against the trained network's own fault-free accuracy. The baseline rows of each amount
          (chip 0) are the network fine-tuned that long without faults, and the tolerable rates above use them.
        - E* is reported by the mean over a rate's maps and by the worst map; a chip's rate is rounded up to the next
          grid rate when looking it up, and rates above the grid are unusable.
        - The population's chips look E* up by the worst map (every chip must meet D); a chip whose rate is unusable
          gets no retraining and counts as missing D in both methods. Retraining is counted as the amount that first
          met D (the runs themselves go on to the largest amount measured, to find it). Grouping merges while the
          saving is positive and the fused rate is usable; its saving counts the groups' current retraining.
        """;
}
