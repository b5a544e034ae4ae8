using System.Globalization;
using System.Text;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.FaultAware;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.IO;

namespace FaultAwareTraining;

/// <summary>One chip of the population under both methods (a row of chips.csv).</summary>
internal sealed record ChipRow(
    int Chip, double PeRate, double? OwnEpochs, int Group, double GroupRate, double? GroupEpochs, double AccuracyOwnFat, double AccuracyGroupModel, bool RetrainedAlone, bool MeetsConstraint);

/// <summary>The total retraining of one method (a row of cost.csv).</summary>
internal sealed record CostRow(string Method, double TotalEpochs, int RetrainingRuns, int ChipsMeetingConstraint, int Chips);

/// <summary>
/// eFAT's comparison on a population of chips, each with its own PE fault rate and map: per-chip fault-aware
/// training against one retraining per group of chips on their fused map (ChipGrouping), every chip held to the
/// allowed drop on its own map.
/// </summary>
internal static class Population
{
    /// <summary>What a population stage found, and the chips it ran on.</summary>
    /// <param name="Chips">One row per chip.</param>
    /// <param name="Cost">One row per method.</param>
    /// <param name="Faults">The chips' fault maps.</param>
    /// <param name="Source">Where the chips came from, for people: sampled, or the profiled files.</param>
    public sealed record Results(IReadOnlyList<ChipRow> Chips, IReadOnlyList<CostRow> Cost, IReadOnlyList<FaultMap> Faults, string Source);

    /// <summary>Seed of the population's PE rates; chip i's map is sampled with seed FirstChipSeed + i.</summary>
    public const ulong RateSeed = 2023;

    /// <summary>Chip seeds start here, apart from the resilience analysis's map seeds 1..N.</summary>
    public const ulong FirstChipSeed = 1001;

    private const int Pes = 16 * 16;

    /// <summary>
    /// The retraining the resilience map plans for the first k chips, k = 1 .. count, per chip and grouped: E* alone,
    /// before any chip's check on its own map (the plot of cost.svg; cost.csv has what the checks added).
    /// </summary>
    public static (IReadOnlyList<(double X, double Y)> PerChip, IReadOnlyList<(double X, double Y)> Grouped) PlannedCosts(ResilienceMap map, IReadOnlyList<FaultMap> faults)
    {
        int count = faults.Count;
        var perChip = new List<(double, double)>();
        var grouped = new List<(double, double)>();
        for (int k = 1; k <= count; k++)
        {
            var first = faults.Take(k).Select(f => f.BypassedPes).ToArray();
            perChip.Add((k, faults.Take(k).Sum(f => Needed(map, RateOf(f)) ?? 0)));
            grouped.Add((k, ChipGrouping.Cost(ChipGrouping.Greedy(first, Pes, rate => Needed(map, rate))).Epochs));
        }

        return (perChip, grouped);
    }

    /// <summary>A sampled population: chip i has a rate drawn log-uniformly over [lowest, highest] and the map of seed FirstChipSeed + i.</summary>
    public static FaultMap[] Sampled(IMapping mapping, int count, double lowest, double highest) =>
        [.. ChipPopulation.LogUniformRates(count, lowest, highest, RateSeed).Select((rate, i) => mapping.SampleFaults(FaultRates.None with { Pe = rate }, FirstChipSeed + (ulong)i))];

    /// <summary>Profiled chips: every .faults file of the folder (ordinal order of names), each checked against the mapping.</summary>
    public static (FaultMap[] Faults, string[] Files) Profiled(IMapping mapping, string folder)
    {
        string[] files = Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.faults").Order(StringComparer.Ordinal)]
            : throw new DirectoryNotFoundException($"--profiled: the folder {folder} does not exist.");
        return files.Length == 0
            ? throw new InvalidDataException($"--profiled: {folder} holds no .faults file (save chips with FaultMapFile.Save, mapping {mapping.Shape.Mapping}).")
            : ([.. files.Select(f => MapDsl.Runtime.Faults.Files.FaultMapFile.Load(f, mapping.Shape))], [.. files.Select(Path.GetFileName)!]);
    }

    public static (IReadOnlyList<ChipRow> Chips, IReadOnlyList<CostRow> Cost) Run(
        ResilienceExperiment.Prepared prepared, ResilienceMap map, IReadOnlyList<FaultMap> faults, int workers, CancellationToken cancel)
    {
        int count = faults.Count;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancel };

        // Per chip: E* of its own rate, then the next measured amounts while it misses the drop.
        var own = new (double Epochs, double Accuracy, bool Meets)[count];
        Parallel.For(0, count, parallel, i => own[i] = Retrain(prepared, faults[i], Needed(map, RateOf(faults[i])), map, cancel));

        // Grouped: one retraining per group on its fused map; a member the group model fails is retrained alone.
        var groups = ChipGrouping.Greedy([.. faults.Select(f => f.BypassedPes)], Pes, rate => Needed(map, rate));
        var groupAccuracy = new double[count];
        Parallel.For(0, groups.Count, parallel, g =>
        {
            var members = groups[g].Members;
            var fused = FaultMapFusion.Union([.. members.Select(m => faults[m])]);
            var accuracies = prepared.Network.RetrainedOn(fused, groups[g].Epochs ?? 0, [.. members.Select(m => faults[m])], prepared.Train, prepared.Test, prepared.Options, cancel);
            for (int i = 0; i < members.Count; i++)
            {
                groupAccuracy[members[i]] = accuracies[i];
            }
        });

        var chips = new List<ChipRow>();
        for (int g = 0; g < groups.Count; g++)
        {
            foreach (int m in groups[g].Members)
            {
                bool alone = groups[g].Epochs is null || groupAccuracy[m] < map.Threshold;
                chips.Add(new ChipRow(
                    m, RateOf(faults[m]), Needed(map, RateOf(faults[m])) is null ? null : own[m].Epochs,
                    g, groups[g].FusedRate, groups[g].Epochs, own[m].Accuracy, groupAccuracy[m], alone, alone ? own[m].Meets : true));
            }
        }

        chips.Sort((a, b) => a.Chip.CompareTo(b.Chip));
        var (groupEpochs, groupRuns) = ChipGrouping.Cost(groups);
        var retrainedAlone = chips.Where(c => c.RetrainedAlone && c.OwnEpochs is not null).ToList();
        return (chips,
        [
            new CostRow("per-chip", own.Sum(o => o.Epochs), own.Count(o => o.Epochs > 0), own.Count(o => o.Meets), count),
            new CostRow("grouped", groupEpochs + retrainedAlone.Sum(c => c.OwnEpochs!.Value), groupRuns + retrainedAlone.Count(c => c.OwnEpochs > 0), chips.Count(c => c.MeetsConstraint), count),
        ]);
    }

    /// <summary>
    /// The results of an earlier run with the same settings, or null: chips.csv and cost.csv are kept with the line
    /// of settings that made them (population.settings), so a rerun reads them back instead of retraining.
    /// </summary>
    public static (IReadOnlyList<ChipRow> Chips, IReadOnlyList<CostRow> Cost)? ReadIfSame(string folder, string settings)
    {
        var (chipsPath, costPath, settingsPath) = (Path.Combine(folder, "chips.csv"), Path.Combine(folder, "cost.csv"), Path.Combine(folder, SettingsFile));
        if (!File.Exists(chipsPath) || !File.Exists(costPath) || !File.Exists(settingsPath) || File.ReadAllText(settingsPath) != settings)
        {
            return null;
        }

        static double? N(string text) => text.Length == 0 ? null : double.Parse(text, CultureInfo.InvariantCulture);
        var chips = File.ReadAllLines(chipsPath).Skip(1).Select(l => l.Split(',')).Select(f => new ChipRow(
            int.Parse(f[0], CultureInfo.InvariantCulture), N(f[1])!.Value, N(f[2]), int.Parse(f[3], CultureInfo.InvariantCulture), N(f[4])!.Value, N(f[5]),
            N(f[6])!.Value, N(f[7])!.Value, RetrainedAlone: f[9] == "true", MeetsConstraint: f[8] == "true")).ToList();
        var cost = File.ReadAllLines(costPath).Skip(1).Select(l => l.Split(',')).Select(f => new CostRow(
            f[0], N(f[1])!.Value, int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture))).ToList();
        return (chips, cost);
    }

    private const string SettingsFile = "population.settings";

    public static void WriteCsv(string folder, IReadOnlyList<ChipRow> chips, IReadOnlyList<CostRow> cost, string settings)
    {
        static string N(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
        var text = new StringBuilder("chip,pe_rate,own_epochs,group,group_rate,group_epochs,accuracy_own_fat,accuracy_group_model,meets_constraint,retrained_alone\n");
        foreach (var c in chips)
        {
            text.Append(CultureInfo.InvariantCulture, $"{c.Chip},{N(c.PeRate)},{N(c.OwnEpochs)},{c.Group},{N(c.GroupRate)},{N(c.GroupEpochs)},{N(c.AccuracyOwnFat)},{N(c.AccuracyGroupModel)},{Flag(c.MeetsConstraint)},{Flag(c.RetrainedAlone)}\n");
        }

        AtomicFile.WriteText(Path.Combine(folder, "chips.csv"), text.ToString());
        AtomicFile.WriteText(Path.Combine(folder, "cost.csv"), "method,total_epochs,retraining_runs,chips_meeting_constraint,chips\n" +
            string.Concat(cost.Select(r => $"{r.Method},{N(r.TotalEpochs)},{r.RetrainingRuns},{r.ChipsMeetingConstraint},{r.Chips}\n")));
        AtomicFile.WriteText(Path.Combine(folder, SettingsFile), settings); // last: the results are only reused once all are written
    }

    private static string Flag(bool value) => value ? "true" : "false";

    // A chip's PE fault rate: its bypassed PEs over the array's.
    private static double RateOf(FaultMap faults) => (double)faults.BypassedPes.Count / Pes;

    // E* of a rate by the worst map: every chip must meet the drop on its own map.
    private static double? Needed(ResilienceMap map, double rate) => map.EpochsNeeded(rate, ResilienceBasis.Worst);

    // Fault-aware training from E* upward, measured at each amount of the map's grid from E* on; the first amount
    // that meets the drop is the retraining spent. An unusable rate gets none (the map says no amount suffices).
    private static (double Epochs, double Accuracy, bool Meets) Retrain(ResilienceExperiment.Prepared prepared, FaultMap faults, double? needed, ResilienceMap map, CancellationToken cancel)
    {
        if (needed is not { } least)
        {
            double untrained = prepared.Network.Chip(faults, prepared.Test);
            return (0, untrained, untrained >= map.Threshold);
        }

        var points = prepared.Network.OfMap(faults, 0, 0, [.. map.Epochs.Where(e => e >= least)], prepared.Train, prepared.Test, prepared.Options, cancel);
        var enough = points.FirstOrDefault(p => p.Accuracy >= map.Threshold) ?? points[^1];
        return (enough.Epochs, enough.Accuracy, enough.Accuracy >= map.Threshold);
    }
}
