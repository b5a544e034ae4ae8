using MapDsl.Runtime.FaultAware;
using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Tests.FaultAware;

/// <summary>Greedy grouping on a hand-made E*(r): merges that save epochs happen, none that cost or go unusable.</summary>
public sealed class ChipGroupingTests
{
    private const int Pes = 100;

    // E*: up to 2% free, up to 5% one epoch, up to 10% two epochs, beyond that unusable.
    private static double? Needed(double rate) => rate <= 0.02 ? 0 : rate <= 0.05 ? 1 : rate <= 0.10 ? 2 : null;

    private static PeAt[] Pe(params int[] numbers) => [.. numbers.Select(n => new PeAt(n / 10, n % 10))];

    [Fact]
    public void Chips_whose_faults_overlap_share_one_retraining()
    {
        // Chips 0 and 1 have 4 bypassed PEs each (1 epoch alone), 3 of them shared: fused 5 PEs, still 1 epoch.
        // Chip 2 has 4 other PEs: fusing it with them gives 9 PEs (2 epochs), which saves nothing over 1 + 1.
        IReadOnlyCollection<PeAt>[] chips = [Pe(1, 2, 3, 4), Pe(1, 2, 3, 5), Pe(50, 51, 52, 53)];

        var groups = ChipGrouping.Greedy(chips, Pes, Needed);

        groups.Select(g => g.Members).ShouldBe([[0, 1], [2]]);
        groups[0].FusedRate.ShouldBe(0.05);
        groups[0].Epochs.ShouldBe(1);
        ChipGrouping.Cost(groups).ShouldBe((2.0, 2));
    }

    [Fact]
    public void No_group_is_fused_past_an_unusable_rate_and_unusable_chips_stay_alone()
    {
        // Every pair of these fuses to 10 or more PEs of 100 beyond 10%: unusable, so nothing merges.
        IReadOnlyCollection<PeAt>[] chips = [Pe(1, 2, 3, 4, 5, 6), Pe(11, 12, 13, 14, 15, 16), Pe([.. Enumerable.Range(20, 12)])];

        var groups = ChipGrouping.Greedy(chips, Pes, Needed);

        groups.Select(g => g.Members.Count).ShouldAllBe(n => n == 1);
        groups[2].Epochs.ShouldBeNull();
        ChipGrouping.Cost(groups).ShouldBe((4.0, 2));
    }

    [Fact]
    public void Grouping_never_costs_more_than_retraining_every_chip_alone()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            IReadOnlyCollection<PeAt>[] chips = [.. Enumerable.Range(0, random.Next(1, 9)).Select(_ => Pe([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => random.Next(Pes))]).Distinct().ToArray())];

            var groups = ChipGrouping.Greedy(chips, Pes, Needed);
            var alone = ChipGrouping.Greedy(chips, Pes, _ => null); // nothing usable: nothing merges

            groups.SelectMany(g => g.Members).Order().ShouldBe(Enumerable.Range(0, chips.Length));
            groups.ShouldAllBe(g => g.Members.Count == 1 || g.Epochs != null);
            var singles = chips.Sum(c => Needed((double)c.Count / Pes) ?? 0);
            ChipGrouping.Cost(groups).Epochs.ShouldBeLessThanOrEqualTo(singles);
            alone.Count.ShouldBe(chips.Length);
            foreach (var group in groups)
            {
                group.FusedRate.ShouldBe((double)group.Members.SelectMany(m => chips[m]).Distinct().Count() / Pes);
            }
        }
    }
}
