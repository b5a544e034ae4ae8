using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Faults;

public sealed class FaultMapSamplerNestingTests
{
    public static TheoryData<double, double> RatePairs => new()
    {
        { 0.001, 0.01 },
        { 0.01, 0.1 },
        { 0.1, 0.4 },
        { 0.3, 0.31 },
        { 0, 0.05 },
    };

    [Theory]
    [MemberData(nameof(RatePairs))]
    public void Faults_at_a_lower_rate_are_a_subset_of_those_at_a_higher_rate(double low, double high)
    {
        for (ulong chip = 1; chip <= 10; chip++)
        {
            // Stuck-on alone, with different stuck-off rates on each side: nested in p_on whatever p_off is.
            var lowMap = FaultMapSampler.Sample(TestShapes.Crossbar, new FaultRates(low, 0.2, low, 0), chip);
            var highMap = FaultMapSampler.Sample(TestShapes.Crossbar, new FaultRates(high, 0.05, high, 0), chip);
            TestShapes.Keys(lowMap, CellFault.StuckOn).IsSubsetOf(TestShapes.Keys(highMap, CellFault.StuckOn)).ShouldBeTrue($"stuck-on, chip {chip}");
            BitKeys(lowMap).IsSubsetOf(BitKeys(highMap)).ShouldBeTrue($"bit flips, chip {chip}");

            // Stuck-off at a fixed stuck-on rate.
            var lowOff = FaultMapSampler.Sample(TestShapes.Crossbar, new FaultRates(0.1, low, 0, 0), chip);
            var highOff = FaultMapSampler.Sample(TestShapes.Crossbar, new FaultRates(0.1, high, 0, 0), chip);
            TestShapes.Keys(lowOff, CellFault.StuckOff).IsSubsetOf(TestShapes.Keys(highOff, CellFault.StuckOff)).ShouldBeTrue($"stuck-off, chip {chip}");

            // Both rising together: the set of stuck cells (either way) only grows.
            var lowBoth = FaultMapSampler.Sample(TestShapes.Crossbar, new FaultRates(low, low, 0, 0), chip);
            var highBoth = FaultMapSampler.Sample(TestShapes.Crossbar, new FaultRates(high, high, 0, 0), chip);
            StuckKeys(lowBoth).IsSubsetOf(StuckKeys(highBoth)).ShouldBeTrue($"stuck cells, chip {chip}");

            var lowPes = FaultMapSampler.Sample(TestShapes.Systolic, new FaultRates(0, 0, low, low), chip);
            var highPes = FaultMapSampler.Sample(TestShapes.Systolic, new FaultRates(0, 0, high, high), chip);
            lowPes.BypassedPes.ToHashSet().IsSubsetOf(highPes.BypassedPes).ShouldBeTrue($"PEs, chip {chip}");
            BitKeys(lowPes).IsSubsetOf(BitKeys(highPes)).ShouldBeTrue($"bit flips on the systolic mapping, chip {chip}");
        }
    }

    [Fact]
    public void Changing_only_the_stuck_off_rate_leaves_the_stuck_on_cells_unchanged()
    {
        for (ulong chip = 1; chip <= 10; chip++)
        {
            var reference = TestShapes.Keys(FaultMapSampler.Sample(TestShapes.Crossbar, new FaultRates(0.05, 0, 0, 0), chip), CellFault.StuckOn);
            reference.ShouldNotBeEmpty();
            foreach (double stuckOff in new[] { 0.001, 0.1, 0.5, 0.95 })
            {
                var map = FaultMapSampler.Sample(TestShapes.Crossbar, new FaultRates(0.05, stuckOff, 0, 0), chip);
                TestShapes.Keys(map, CellFault.StuckOn).SetEquals(reference).ShouldBeTrue($"chip {chip}, stuck-off {stuckOff}");
            }
        }
    }

    private static HashSet<(int, int, int)> BitKeys(FaultMap map) =>
        map.Layers.SelectMany((l, i) => l.BitFlips.Select(f => (i, f.Weight, f.Bit))).ToHashSet();

    private static HashSet<(int, int, int, int)> StuckKeys(FaultMap map) =>
        map.Layers.SelectMany((l, i) => l.Cells.Select(c => (i, c.Tile, c.Row, c.Column))).ToHashSet();
}
