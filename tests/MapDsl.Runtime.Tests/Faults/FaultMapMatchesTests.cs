using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Faults;

public sealed class FaultMapMatchesTests
{
    private static FaultMap Imported(MappingShape shape, Action<LayerFaults[], List<PeAt>> edit)
    {
        var layers = shape.Layers.Select(l => new LayerFaults(l.Layer)).ToArray();
        var pes = new List<PeAt>();
        edit(layers, pes);
        return new FaultMap(shape.Mapping, null, null, layers, pes);
    }

    private static string Problem(FaultMap map, MappingShape shape)
    {
        map.Matches(shape, out string problem).ShouldBeFalse();
        return problem;
    }

    [Fact]
    public void An_imported_map_inside_the_shape_matches()
    {
        var map = Imported(TestShapes.Crossbar, (layers, _) =>
        {
            layers[0].Cells.Add(new CellFaultAt(2, 31, 47, CellFault.StuckOn));
            layers[1].BitFlips.Add(new BitFlipAt(199, 7));
        });
        map.Matches(TestShapes.Crossbar, out string problem).ShouldBeTrue();
        problem.ShouldBeEmpty();
        map.Seed.ShouldBeNull();
        map.Rates.ShouldBeNull();
    }

    [Fact]
    public void Layer_count_and_names_must_agree()
    {
        var other = new MappingShape(TestShapes.Crossbar.Mapping, 32, 48, false, [new LayerShape("conv1", 3, 300, 8)]);
        Problem(Imported(other, (_, _) => { }), TestShapes.Crossbar).ShouldBe("the fault map has 1 layers but the mapping has 2 (conv1, fc).");
        var renamed = new MappingShape(TestShapes.Crossbar.Mapping, 32, 48, false, [new LayerShape("conv1", 3, 300, 8), new LayerShape("fc2", 2, 200, 8)]);
        Problem(Imported(renamed, (_, _) => { }), TestShapes.Crossbar).ShouldBe("layer 1 is 'fc2' in the fault map but 'fc' in the mapping.");
    }

    [Theory]
    [InlineData(3, 0, 0, "layer 'conv1': the stuck cell at tile 3, row 0, column 0 is outside the layer's 3 tiles (valid: 0..2).")]
    [InlineData(-1, 0, 0, "layer 'conv1': the stuck cell at tile -1, row 0, column 0 is outside the layer's 3 tiles (valid: 0..2).")]
    [InlineData(0, 32, 0, "layer 'conv1': the stuck cell at tile 0, row 32, column 0 is outside the tile's 32 rows (valid: 0..31).")]
    [InlineData(0, 0, 48, "layer 'conv1': the stuck cell at tile 0, row 0, column 48 is outside the tile's 48 columns (valid: 0..47).")]
    public void Stuck_cells_must_be_inside_the_tiles(int tile, int row, int column, string expected)
    {
        Problem(Imported(TestShapes.Crossbar, (layers, _) => layers[0].Cells.Add(new CellFaultAt(tile, row, column, CellFault.StuckOff))), TestShapes.Crossbar)
            .ShouldBe(expected);
    }

    [Fact]
    public void A_cell_entry_must_be_a_real_fault_and_only_on_a_crossbar()
    {
        Problem(Imported(TestShapes.Crossbar, (layers, _) => layers[1].Cells.Add(new CellFaultAt(0, 0, 0, CellFault.None))), TestShapes.Crossbar)
            .ShouldBe("layer 'fc': the stuck cell at tile 0, row 0, column 0 has fault 'None'; a fault map lists only StuckOn and StuckOff cells.");
        Problem(Imported(TestShapes.Systolic, (layers, _) => layers[0].Cells.Add(new CellFaultAt(0, 0, 0, CellFault.StuckOn))), TestShapes.Systolic)
            .ShouldBe("layer 'conv1' has 1 stuck cells, but the mapping is systolic (it has PEs, not crossbar cells).");
    }

    [Fact]
    public void Bit_flips_must_be_inside_the_weights_and_codes()
    {
        Problem(Imported(TestShapes.Crossbar, (layers, _) => layers[1].BitFlips.Add(new BitFlipAt(200, 0))), TestShapes.Crossbar)
            .ShouldBe("layer 'fc': the flipped bit 0 of weight 200 is outside the layer's 200 weights (valid: 0..199).");
        Problem(Imported(TestShapes.Crossbar, (layers, _) => layers[0].BitFlips.Add(new BitFlipAt(5, 8))), TestShapes.Crossbar)
            .ShouldBe("layer 'conv1': the flipped bit 8 of weight 5 is outside its 8-bit code (valid bits: 0..7, 0 = least significant).");
        var plain = new MappingShape("Plain", 4, 4, false, [new LayerShape("raw", 1, 10, 0)]);
        Problem(Imported(plain, (layers, _) => layers[0].BitFlips.Add(new BitFlipAt(5, 0))), plain)
            .ShouldBe("layer 'raw': the flipped bit 0 of weight 5 cannot exist: the layer's weights are not quantized, so there are no stored bits to flip.");
    }

    [Fact]
    public void Bypassed_pes_must_be_inside_the_array_and_only_on_a_systolic_mapping()
    {
        Problem(Imported(TestShapes.Systolic, (_, pes) => pes.Add(new PeAt(24, 0))), TestShapes.Systolic)
            .ShouldBe("the bypassed PE at row 24, column 0 is outside the 24 x 40 systolic array's rows (valid: 0..23).");
        Problem(Imported(TestShapes.Systolic, (_, pes) => pes.Add(new PeAt(0, 40))), TestShapes.Systolic)
            .ShouldBe("the bypassed PE at row 0, column 40 is outside the 24 x 40 systolic array's columns (valid: 0..39).");
        Problem(Imported(TestShapes.Crossbar, (_, pes) => pes.Add(new PeAt(0, 0))), TestShapes.Crossbar)
            .ShouldBe("the fault map bypasses 1 PEs, but the mapping is a crossbar mapping (it has no systolic array).");
    }

    [Fact]
    public void A_sampled_map_does_not_match_a_different_shape()
    {
        var map = FaultMapSampler.Sample(TestShapes.Crossbar, new FaultRates(0.2, 0, 0, 0), 1);
        var smaller = new MappingShape(TestShapes.Crossbar.Mapping, 16, 48, false, TestShapes.Crossbar.Layers); // the mapping, on a smaller crossbar
        Problem(map, smaller).ShouldContain("is outside the tile's 16 rows");
    }

    [Fact]
    public void A_map_of_another_mapping_with_an_equal_shape_does_not_match_and_the_problem_names_both()
    {
        // Two mappings of one network with the same scheme and target: everything but the name is equal.
        var twin = Twin();
        var map = FaultMapSampler.Sample(twin, new FaultRates(0.2, 0, 0, 0), 1);

        Problem(map, TestShapes.Crossbar).ShouldBe(
            "the fault map was made for mapping 'Lab.Twin', not 'Lab.OnCrossbar'. "
            + "To put the same chip under 'Lab.OnCrossbar', sample its own map with the same chip seed (equal shapes give equal faults).");
        Problem(Imported(twin, (_, _) => { }), TestShapes.Crossbar).ShouldStartWith("the fault map was made for mapping 'Lab.Twin', not 'Lab.OnCrossbar'.");
    }

    [Fact]
    public void The_same_chip_seed_gives_equal_faults_under_mappings_of_equal_shape()
    {
        // What the message above advises: sampling depends on the shape and the seed, not on the mapping's name.
        var twin = Twin();
        var rates = new FaultRates(0.05, 0.01, 0.01, 0);

        var mine = FaultMapSampler.Sample(TestShapes.Crossbar, rates, 7);
        var theirs = FaultMapSampler.Sample(twin, rates, 7);

        mine.Matches(TestShapes.Crossbar, out string problem).ShouldBeTrue(problem);
        theirs.Mapping.ShouldBe("Lab.Twin");
        for (int i = 0; i < mine.Layers.Count; i++)
        {
            theirs.Layers[i].Cells.ShouldBe(mine.Layers[i].Cells);
            theirs.Layers[i].BitFlips.ShouldBe(mine.Layers[i].BitFlips);
        }
    }

    private static MappingShape Twin() =>
        new("Lab.Twin", TestShapes.Crossbar.TileRows, TestShapes.Crossbar.TileColumns, TestShapes.Crossbar.IsSystolic, TestShapes.Crossbar.Layers);
}
