using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Tiles;
using Test.Evaluation;

namespace MapDsl.Generated.Tests.Evaluation;

/// <summary>
/// FaultedWeights against the full generated ReadBack: after Inject, the weights whose read-back differs from the
/// clean read-back are exactly the ones it reports, each once, with bit-identical values; and CleanTiles puts the
/// tiles back bit for bit.
/// </summary>
public class FaultedWeightsTests
{
    public static TheoryData<string, double, double, ulong> Cases()
    {
        var cases = new TheoryData<string, double, double, ulong>();
        foreach (var mapping in new[] { "TwoCol", "Diff", "Off", "OffQ" })
        {
            foreach (var (on, off) in new[] { (0.0025, 0.0025), (0.02, 0.03), (0.15, 0.15), (0.0, 0.1), (0.1, 0.0) })
            {
                foreach (var seed in new ulong[] { 1, 2, 3 })
                {
                    cases.Add(mapping, on, off, seed);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sampled_faults_give_exactly_the_full_read_back_difference(string name, double stuckOn, double stuckOff, ulong seed)
    {
        var mapping = EvaluationMapping.Of(name);
        var state = mapping.Map(EvaluationMapping.RandomWeights((int)seed));
        var map = mapping.Sample(new FaultRates(stuckOn, stuckOff, 0, 0), seed);

        var changed = CheckAgainstReadBack(mapping, state, map);

        if (stuckOn + stuckOff >= 0.01)
        {
            changed.ShouldBeGreaterThan(0, "the rates are high enough that some weight must change");
        }
    }

    [Theory]
    [InlineData("Off")]
    [InlineData("OffQ")]
    public void A_faulty_reference_cell_changes_every_weight_of_its_tile_row_once(string name)
    {
        var mapping = EvaluationMapping.Of(name);
        var state = mapping.Map(EvaluationMapping.RandomWeights(5));
        const int Reference = 14;

        // Layer a (40 x 20 on 3 x 2 tiles of 16 rows and 14 weights): tile 0 full, tile 5 holds rows 32..39, columns 14..19.
        var map = new FaultMap($"Test.Evaluation.{name}", null, null, [
            new LayerFaults("a", [
                new CellFaultAt(0, 3, 2, CellFault.StuckOn), new CellFaultAt(0, 3, Reference, CellFault.StuckOff), // same row: weight (3, 2) once
                new CellFaultAt(0, 9, Reference, CellFault.StuckOn),
                new CellFaultAt(5, 2, 10, CellFault.StuckOn), new CellFaultAt(5, 2, Reference, CellFault.StuckOn), // data cell past the block
                new CellFaultAt(5, 12, Reference, CellFault.StuckOff), // row past the block: nothing
            ], []),
            new LayerFaults("b", [new CellFaultAt(0, 0, Reference, CellFault.StuckOn)], []),
        ], []);

        var changed = CheckAgainstReadBack(mapping, state, map);

        // Rows 3 and 9 of tile 0 (14 weights each) and row 2 of tile 5 (6 weights), plus layer b's row 0 (6 weights):
        // a reference stuck at G_on or G_off instead of the mid conductance moves every weight read against it.
        changed.ShouldBe(14 + 14 + 6 + 6);
    }

    [Theory]
    [InlineData("TwoCol")]
    [InlineData("Diff")]
    public void Both_cells_of_a_pair_and_the_idle_odd_column(string name)
    {
        var mapping = EvaluationMapping.Of(name);
        var state = mapping.Map(EvaluationMapping.RandomWeights(6));

        // Layer a on 3 x 3 tiles of 16 rows and 7 weights: tile 8 holds rows 32..39, columns 14..19 (6 of 7 pairs).
        var map = new FaultMap($"Test.Evaluation.{name}", null, null, [
            new LayerFaults("a", [
                new CellFaultAt(0, 1, 4, CellFault.StuckOn), new CellFaultAt(0, 1, 5, CellFault.StuckOff), // one weight, twice
                new CellFaultAt(0, 2, 14, CellFault.StuckOn), // odd last column: idle
                new CellFaultAt(8, 0, 12, CellFault.StuckOn), // pair 6: past the 6 columns of tile 8
                new CellFaultAt(8, 7, 10, CellFault.StuckOn), new CellFaultAt(8, 7, 11, CellFault.StuckOff), // reads +w_max
                new CellFaultAt(8, 9, 0, CellFault.StuckOn), // row 41: past the matrix
            ], []),
            new LayerFaults("b"),
        ], []);

        CheckAgainstReadBack(mapping, state, map).ShouldBe(2);
    }

    [Theory]
    [InlineData("TwoCol", false)]
    [InlineData("TwoCol", true)]
    [InlineData("Diff", false)]
    [InlineData("Diff", true)]
    public void Cells_out_of_order_or_repeated_give_the_same_changes(string name, bool reversed)
    {
        // The pair schemes take a fast path for sorted cells and fall back to the general one at the first cell out
        // of order: reversed lists fall back at once, a repeat at the end only after every other cell was read.
        var mapping = EvaluationMapping.Of(name);
        var state = mapping.Map(EvaluationMapping.RandomWeights(9));
        var sampled = mapping.Sample(new FaultRates(0.1, 0.1, 0, 0), 4);
        var layers = sampled.Layers.Select(layer =>
        {
            var cells = reversed ? layer.Cells.AsEnumerable().Reverse().ToList() : [.. layer.Cells];
            if (cells.Count > 0)
            {
                cells.Add(cells[0]);
            }

            return new LayerFaults(layer.Layer, cells, []);
        }).ToList();

        CheckAgainstReadBack(mapping, state, new FaultMap(sampled.Mapping, null, null, layers, [])).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void The_changes_follow_the_layers_current_w_max()
    {
        // Re-mapping other weights changes w_max; the view reads the state's value, not the one at construction.
        var mapping = EvaluationMapping.Of("TwoCol");
        var state = (TwoCol.State)mapping.Map(EvaluationMapping.RandomWeights(7));
        var layer = state.MappedLayers[0];
        var before = layer.MaxWeight;

        TwoCol.Map(EvaluationMapping.RandomWeights(8).Also(w => w.A[7] = 3f), state);

        layer.MaxWeight.ShouldBe(state.AMaxWeight);
        layer.MaxWeight.ShouldNotBe(before);
        layer.Tiles[0].ShouldBeSameAs(state.A[0]);
        CheckAgainstReadBack(mapping, state, TwoCol.SampleFaults(new FaultRates(0.05, 0.05, 0, 0), 9)).ShouldBeGreaterThan(0);
    }

    public static TheoryData<string, double, double, ulong> PairCases()
    {
        var cases = new TheoryData<string, double, double, ulong>();
        foreach (var mapping in new[] { "TwoCol", "Diff", "TwoColE", "DiffE" })
        {
            foreach (var (on, off) in new[] { (0.0025, 0.0025), (0.02, 0.03), (0.15, 0.15), (0.0, 0.1), (0.1, 0.0), (0.45, 0.45), (0.0, 0.0) })
            {
                foreach (var seed in new ulong[] { 1, 2, 3 })
                {
                    cases.Add(mapping, on, off, seed);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(PairCases))]
    public void Changes_sampled_straight_from_the_draws_equal_those_of_the_injected_sampled_map(string name, double stuckOn, double stuckOff, ulong seed)
    {
        // CollectSampled never builds the map nor touches the tiles; the generated SampleFaults + Inject + full
        // ReadBack of the same chip is the reference, weight for weight and bit for bit.
        var mapping = EvaluationMapping.Of(name);
        var shape = Shape(name);
        var rates = new FaultRates(stuckOn, stuckOff, 0, 0);
        var state = mapping.Map(EvaluationMapping.RandomWeights((int)seed + 20));
        var layers = mapping.Layers(state);
        var clean = mapping.ReadBack(state);
        var cleanCells = layers.Select(l => l.Tiles.Select(t => (double[])t.Conductance.Clone()).ToArray()).ToArray();
        var captures = layers.Select(CleanTiles.Capture).ToArray();

        var changes = new WeightChanges(4);
        var sampled = new List<Dictionary<int, int>>();
        for (var i = 0; i < layers.Count; i++)
        {
            new FaultedWeights(layers[i]).CollectSampled(shape, i, rates, seed, captures[i], changes);
            changes.Indices.ToArray().Distinct().Count().ShouldBe(changes.Count, $"{layers[i].Name}: a weight reported twice");
            sampled.Add(Enumerable.Range(0, changes.Count).ToDictionary(c => changes.Indices[c], c => BitConverter.SingleToInt32Bits(changes.Values[c])));
        }

        for (var i = 0; i < layers.Count; i++)
        {
            for (var t = 0; t < layers[i].Tiles.Count; t++)
            {
                layers[i].Tiles[t].FaultCount.ShouldBe(0);
                layers[i].Tiles[t].Conductance.ShouldBe(cleanCells[i][t], $"{layers[i].Name} tile {t}: CollectSampled wrote to the tiles");
            }
        }

        var map = mapping.Sample(rates, seed);
        mapping.Inject(state, map);
        var faulty = mapping.ReadBack(state);
        for (var i = 0; i < layers.Count; i++)
        {
            var expected = Differences(clean.WeightsOf(layers[i].Name), faulty.WeightsOf(layers[i].Name));
            sampled[i].OrderBy(p => p.Key).ShouldBe(expected.OrderBy(p => p.Key), $"{name} layer {layers[i].Name}");
        }

        if (stuckOn + stuckOff >= 0.01)
        {
            sampled.Sum(d => d.Count).ShouldBeGreaterThan(0, "the rates are high enough that some weight must change");
        }
    }

    [Theory]
    [InlineData("TwoCol")]
    [InlineData("Diff")]
    [InlineData("TwoColE")]
    public void Changes_sampled_straight_from_the_draws_on_cells_written_off_the_level_grid(string name)
    {
        // More than 256 distinct clean conductances: the capture cannot be kept as byte codes and the raw doubles
        // are read instead; the result must not change.
        var mapping = EvaluationMapping.Of(name);
        var shape = Shape(name);
        var state = mapping.Map(EvaluationMapping.RandomWeights(31));
        var layers = mapping.Layers(state);
        var random = new Random(32);
        foreach (var tile in layers.SelectMany(l => l.Tiles))
        {
            for (var r = 0; r < tile.Rows; r++)
            {
                for (var c = 0; c < tile.Columns; c++)
                {
                    tile.Write(r, c, tile.Spec.GOff + (random.NextDouble() * (tile.Spec.GOn - tile.Spec.GOff)));
                }
            }
        }

        var rates = new FaultRates(0.1, 0.1, 0, 0);
        var clean = mapping.ReadBack(state);
        var captures = layers.Select(CleanTiles.Capture).ToArray();
        var changes = new WeightChanges();
        var sampled = new List<Dictionary<int, int>>();
        for (var i = 0; i < layers.Count; i++)
        {
            new FaultedWeights(layers[i]).CollectSampled(shape, i, rates, 7, captures[i], changes);
            sampled.Add(Enumerable.Range(0, changes.Count).ToDictionary(c => changes.Indices[c], c => BitConverter.SingleToInt32Bits(changes.Values[c])));
        }

        mapping.Inject(state, mapping.Sample(rates, 7));
        var faulty = mapping.ReadBack(state);
        for (var i = 0; i < layers.Count; i++)
        {
            var expected = Differences(clean.WeightsOf(layers[i].Name), faulty.WeightsOf(layers[i].Name));
            expected.Count.ShouldBeGreaterThan(0);
            sampled[i].OrderBy(p => p.Key).ShouldBe(expected.OrderBy(p => p.Key), $"{name} layer {layers[i].Name}");
        }
    }

    [Fact]
    public void Sampling_changes_straight_from_the_draws_refuses_the_offset_scheme_and_a_foreign_capture()
    {
        var twoCol = (TwoCol.State)EvaluationMapping.Of("TwoCol").Map(EvaluationMapping.RandomWeights(3));
        var off = (Off.State)EvaluationMapping.Of("Off").Map(EvaluationMapping.RandomWeights(3));
        var rates = new FaultRates(0.05, 0.05, 0, 0);
        var changes = new WeightChanges();

        Should.Throw<NotSupportedException>(() => new FaultedWeights(off.MappedLayers[0]).CollectSampled(Off.Shape, 0, rates, 1, CleanTiles.Capture(off.MappedLayers[0]), changes))
            .Message.ShouldContain("offset");
        Should.Throw<ArgumentException>(() => new FaultedWeights(twoCol.MappedLayers[0]).CollectSampled(TwoCol.Shape, 0, rates, 1, CleanTiles.Capture(twoCol.MappedLayers[1]), changes))
            .ParamName.ShouldBe("clean");
        Should.Throw<ArgumentException>(() => new FaultedWeights(twoCol.MappedLayers[0]).CollectSampled(TwoCol.Shape, 1, rates, 1, CleanTiles.Capture(twoCol.MappedLayers[0]), changes))
            .ParamName.ShouldBe("shape");
    }

    private static MappingShape Shape(string name) => name switch
    {
        "TwoCol" => TwoCol.Shape,
        "Diff" => Diff.Shape,
        "TwoColE" => TwoColE.Shape,
        _ => DiffE.Shape,
    };

    /// <summary>
    /// Injects <paramref name="map"/> into the clean <paramref name="state"/>, compares FaultedWeights with the full
    /// ReadBack for every layer, restores and checks the tiles; returns the number of changed weights.
    /// </summary>
    private static int CheckAgainstReadBack(EvaluationMapping mapping, object state, FaultMap map)
    {
        var layers = mapping.Layers(state);
        var clean = mapping.ReadBack(state);
        var cleanCells = layers.Select(l => l.Tiles.Select(t => (double[])t.Conductance.Clone()).ToArray()).ToArray();
        var snapshots = layers.Select(CleanTiles.Capture).ToArray();

        mapping.Inject(state, map);
        var faulty = mapping.ReadBack(state);

        var total = 0;
        var changes = new WeightChanges(4);
        for (var i = 0; i < layers.Count; i++)
        {
            var name = layers[i].Name;
            new FaultedWeights(layers[i]).Collect(map.Layers[i], clean.WeightsOf(name), changes);

            var expected = Differences(clean.WeightsOf(name), faulty.WeightsOf(name));
            changes.Indices.ToArray().Distinct().Count().ShouldBe(changes.Count, $"{name}: a weight reported twice");
            var actual = new Dictionary<int, int>();
            for (var c = 0; c < changes.Count; c++)
            {
                actual[changes.Indices[c]] = BitConverter.SingleToInt32Bits(changes.Values[c]);
            }

            actual.OrderBy(p => p.Key).ShouldBe(expected.OrderBy(p => p.Key), $"{mapping.Name} layer {name}");
            total += changes.Count;
        }

        foreach (var snapshot in snapshots)
        {
            snapshot.Restore();
        }

        for (var i = 0; i < layers.Count; i++)
        {
            for (var t = 0; t < layers[i].Tiles.Count; t++)
            {
                layers[i].Tiles[t].FaultCount.ShouldBe(0);
                layers[i].Tiles[t].Conductance.ShouldBe(cleanCells[i][t], $"{layers[i].Name} tile {t} after restore");
            }
        }

        var restored = mapping.ReadBack(state);
        restored.A.ShouldBe(clean.A);
        restored.B.ShouldBe(clean.B);
        return total;
    }

    // The reference: every weight of the full read-back that differs, with its bits.
    private static Dictionary<int, int> Differences(float[] clean, float[] faulty)
    {
        var differences = new Dictionary<int, int>();
        for (var i = 0; i < clean.Length; i++)
        {
            if (faulty[i] != clean[i])
            {
                differences[i] = BitConverter.SingleToInt32Bits(faulty[i]);
            }
        }

        return differences;
    }
}

/// <summary>A one-line tweak of a freshly made value.</summary>
internal static class AlsoExtension
{
    public static T Also<T>(this T value, Action<T> tweak)
    {
        tweak(value);
        return value;
    }
}
