using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Faults;

public sealed class FaultMapSamplerDeterminismTests
{
    private static readonly FaultRates Rates = new(0.01, 0.005, 0.002, 0);

    [Fact]
    public void A_small_map_is_pinned_so_any_change_to_the_sampling_is_caught()
    {
        // Stored fault maps and published results depend on these; change them only on purpose.
        var map = FaultMapSampler.Sample(TestShapes.Crossbar, Rates, 2024);
        map.Seed.ShouldBe(2024UL);
        map.Rates.ShouldBe(Rates);
        map.Mapping.ShouldBe("Lab.OnCrossbar");
        map.CellFaultCount.ShouldBe(111);
        map.BitFlipCount.ShouldBe(6);
        map.Layers[0].Cells.Count.ShouldBe(59);
        map.Layers[0].Cells.Take(3).ShouldBe([
            new CellFaultAt(0, 1, 24, CellFault.StuckOff),
            new CellFaultAt(0, 4, 27, CellFault.StuckOn),
            new CellFaultAt(0, 6, 40, CellFault.StuckOn),
        ]);
        map.Layers[1].Cells.Take(2).ShouldBe([new CellFaultAt(0, 1, 32, CellFault.StuckOn), new CellFaultAt(0, 1, 42, CellFault.StuckOn)]);
        map.Layers[0].BitFlips.Take(3).ShouldBe([new BitFlipAt(30, 3), new BitFlipAt(43, 3), new BitFlipAt(96, 3)]);
        map.Layers[1].BitFlips.ShouldBe([new BitFlipAt(177, 1)]);

        var pes = FaultMapSampler.Sample(TestShapes.Systolic, new FaultRates(0, 0, 0, 0.01), 2024).BypassedPes;
        pes.Count.ShouldBe(7);
        pes.Take(3).ShouldBe([new PeAt(7, 33), new PeAt(14, 18), new PeAt(14, 32)]);

        var units = new List<long>();
        UnitSampler.Sample(1000, 0.01, 7, units);
        units.ShouldBe([278, 839, 981, 990, 873, 65, 109, 407, 158, 545, 734, 939]);
    }

    [Fact]
    public void The_same_seed_gives_the_same_map_and_another_seed_another()
    {
        var rates = new FaultRates(0.05, 0.05, 0.05, 0);
        var a = FaultMapSampler.Sample(TestShapes.Crossbar, rates, 11);
        var b = FaultMapSampler.Sample(TestShapes.Crossbar, rates, 11);
        for (int layer = 0; layer < a.Layers.Count; layer++)
        {
            b.Layers[layer].Cells.ShouldBe(a.Layers[layer].Cells);
            b.Layers[layer].BitFlips.ShouldBe(a.Layers[layer].BitFlips);
        }

        FaultMapSampler.Sample(TestShapes.Crossbar, rates, 12).Layers[0].Cells.ShouldNotBe(a.Layers[0].Cells);
    }

    [Fact]
    public void Tiles_and_layers_sampled_alone_in_shuffled_order_match_the_whole_map()
    {
        var rates = new FaultRates(0.03, 0.02, 0.01, 0);
        var map = FaultMapSampler.Sample(TestShapes.Crossbar, rates, 99);
        var pieces = TestShapes.Crossbar.Layers
            .SelectMany((layer, i) => Enumerable.Range(0, layer.TileCount).Select(tile => (Layer: i, Tile: tile)))
            .ToArray();
        new Random(5).Shuffle(pieces);
        foreach (var (layer, tile) in pieces)
        {
            var cells = new List<CellFaultAt>();
            FaultMapSampler.SampleTileCells(TestShapes.Crossbar, rates, 99, layer, tile, cells);
            cells.ShouldBe(map.Layers[layer].Cells.Where(c => c.Tile == tile), $"layer {layer}, tile {tile}");
        }

        foreach (int layer in new[] { 1, 0 })
        {
            var flips = new List<BitFlipAt>();
            FaultMapSampler.SampleLayerBitFlips(TestShapes.Crossbar, rates, 99, layer, flips);
            flips.ShouldBe(map.Layers[layer].BitFlips);
        }
    }

    [Fact]
    public void Adding_layers_or_tiles_leaves_the_faults_of_existing_ones_unchanged()
    {
        var rates = new FaultRates(0.03, 0.02, 0.01, 0);
        var grown = new MappingShape(
            "Lab.Grown",
            TestShapes.Crossbar.TileRows,
            TestShapes.Crossbar.TileColumns,
            false,
            [new LayerShape("conv1", 7, 300, 8), new LayerShape("fc", 2, 200, 8), new LayerShape("extra", 4, 900, 8)]);
        var original = FaultMapSampler.Sample(TestShapes.Crossbar, rates, 3);
        var bigger = FaultMapSampler.Sample(grown, rates, 3);
        bigger.Layers[0].Cells.Where(c => c.Tile < 3).ShouldBe(original.Layers[0].Cells);
        bigger.Layers[1].Cells.ShouldBe(original.Layers[1].Cells);
        bigger.Layers[1].BitFlips.ShouldBe(original.Layers[1].BitFlips);
    }

    [Fact]
    public void Every_list_is_sorted_and_inside_the_shape()
    {
        var map = FaultMapSampler.Sample(TestShapes.Crossbar, new FaultRates(0.2, 0.3, 0.4, 0), 8);
        foreach (var layer in map.Layers)
        {
            layer.Cells.ShouldBe(layer.Cells.OrderBy(c => c.Tile).ThenBy(c => c.Row).ThenBy(c => c.Column));
            layer.BitFlips.ShouldBe(layer.BitFlips.OrderBy(f => f.Weight).ThenBy(f => f.Bit));
        }

        map.Matches(TestShapes.Crossbar, out string problem).ShouldBeTrue(problem);
        var pes = FaultMapSampler.Sample(TestShapes.Systolic, new FaultRates(0, 0, 0, 0.3), 8);
        pes.BypassedPes.ShouldBe(pes.BypassedPes.OrderBy(p => p.Row).ThenBy(p => p.Column));
        pes.Matches(TestShapes.Systolic, out problem).ShouldBeTrue(problem);
    }
}
