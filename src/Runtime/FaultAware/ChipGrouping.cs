using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.FaultAware;

/// <summary>
/// eFAT's grouping of a chip population for fused retraining, greedy and reward-driven: every chip starts as its own
/// group; while some pair of groups can be fused with a positive saving, the pair with the largest saving
/// E*(group a) + E*(group b) − E*(a ∪ b) is merged. A merge needs both groups and the fused map usable (E* known), so
/// no group is ever retrained at a rate the resilience map cannot serve. Each merge lowers the total retraining by its
/// saving, so the result never costs more epochs than retraining every chip alone. Ties go to the pair with the
/// lowest member indices, so the grouping is deterministic.
/// </summary>
public static class ChipGrouping
{
    /// <summary>Groups the chips.</summary>
    /// <param name="bypassed">Each chip's bypassed PEs.</param>
    /// <param name="peCount">PEs of the array (rows × columns): the denominator of a PE fault rate.</param>
    /// <param name="epochsNeeded">E*(rate): the retraining a PE fault rate needs, or null when it is unusable (e.g. a <see cref="ResilienceMap"/>'s <c>EpochsNeeded</c>).</param>
    /// <returns>The groups, ordered by their first member.</returns>
    public static IReadOnlyList<ChipGroup> Greedy(IReadOnlyList<IReadOnlyCollection<PeAt>> bypassed, int peCount, Func<double, double?> epochsNeeded)
    {
        ArgumentNullException.ThrowIfNull(bypassed);
        ArgumentNullException.ThrowIfNull(epochsNeeded);
        ArgumentOutOfRangeException.ThrowIfLessThan(peCount, 1);
        var groups = bypassed.Select((pes, i) => Group([i], [.. pes], peCount, epochsNeeded)).ToList();
        while (true)
        {
            (int A, int B, double Saving, Candidate Fused)? best = null;
            for (int a = 0; a < groups.Count; a++)
            {
                for (int b = a + 1; b < groups.Count; b++)
                {
                    if (groups[a].Epochs is not { } ea || groups[b].Epochs is not { } eb)
                    {
                        continue;
                    }

                    var fused = Group([.. groups[a].Members, .. groups[b].Members], [.. groups[a].Pes, .. groups[b].Pes], peCount, epochsNeeded);
                    if (fused.Epochs is { } ef && ea + eb - ef > 0 && (best is null || ea + eb - ef > best.Value.Saving))
                    {
                        best = (a, b, ea + eb - ef, fused);
                    }
                }
            }

            if (best is not { } merge)
            {
                return [.. groups.Select(g => new ChipGroup(g.Members, g.Rate, g.Epochs))];
            }

            groups[merge.A] = merge.Fused;
            groups.RemoveAt(merge.B);
        }
    }

    /// <summary>Total retraining of a grouping: epochs summed over usable groups, and the runs (usable groups that retrain at all).</summary>
    /// <param name="groups">The groups.</param>
    /// <returns>Epochs and runs.</returns>
    public static (double Epochs, int Runs) Cost(IEnumerable<ChipGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ChipGroup[] usable = [.. groups.Where(g => g.Epochs is not null)];
        return (usable.Sum(g => g.Epochs!.Value), usable.Count(g => g.Epochs > 0));
    }

    private static Candidate Group(int[] members, HashSet<PeAt> pes, int peCount, Func<double, double?> epochsNeeded)
    {
        Array.Sort(members);
        double rate = (double)pes.Count / peCount;
        return new Candidate(members, pes, rate, epochsNeeded(rate));
    }

    private sealed record Candidate(int[] Members, HashSet<PeAt> Pes, double Rate, double? Epochs);
}
