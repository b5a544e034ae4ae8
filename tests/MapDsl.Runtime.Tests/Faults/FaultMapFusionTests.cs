using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Faults;

/// <summary>A fused map holds exactly the union of its members' faults.</summary>
public sealed class FaultMapFusionTests
{
    private static FaultMap Map(PeAt[] pes, CellFaultAt[] cells, BitFlipAt[] flips) =>
        new("Lab.M", 3, null, [new LayerFaults("a", [.. cells], [.. flips]), new LayerFaults("b")], [.. pes]);

    [Fact]
    public void The_fused_map_is_the_union_of_the_members_sorted()
    {
        var first = Map([new(0, 3), new(2, 1)], [new(0, 1, 1, CellFault.StuckOn)], [new(5, 2)]);
        var second = Map([new(0, 3), new(1, 0)], [new(0, 0, 4, CellFault.StuckOff), new(0, 1, 1, CellFault.StuckOn)], [new(5, 2), new(1, 7)]);

        var fused = FaultMapFusion.Union([first, second]);

        fused.Mapping.ShouldBe("Lab.M");
        (fused.Seed, fused.Rates).ShouldBe((null, null));
        fused.BypassedPes.ShouldBe([new(0, 3), new(1, 0), new(2, 1)]);
        fused.Layers[0].Cells.ShouldBe([new(0, 0, 4, CellFault.StuckOff), new(0, 1, 1, CellFault.StuckOn)]);
        fused.Layers[0].BitFlips.ShouldBe([new(1, 7), new(5, 2)]);
        fused.Layers[1].Cells.ShouldBeEmpty();
        FaultMapFusion.Union([first]).BypassedPes.ShouldBe(first.BypassedPes);
    }

    [Fact]
    public void Maps_of_different_mappings_or_a_cell_in_two_states_do_not_fuse()
    {
        var first = Map([], [new(0, 1, 1, CellFault.StuckOn)], []);
        var conflicting = Map([], [new(0, 1, 1, CellFault.StuckOff)], []);
        var other = new FaultMap("Lab.Other", null, null, [new LayerFaults("a"), new LayerFaults("b")], []);

        Should.Throw<ArgumentException>(() => FaultMapFusion.Union([first, conflicting])).Message.ShouldContain("tile 0, cell (1, 1) is StuckOn in one member and StuckOff in another");
        Should.Throw<ArgumentException>(() => FaultMapFusion.Union([first, other])).Message.ShouldContain("'Lab.Other'");
        Should.Throw<ArgumentException>(() => FaultMapFusion.Union([]));
    }
}
