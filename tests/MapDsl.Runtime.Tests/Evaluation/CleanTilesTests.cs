using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Schemes;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Evaluation;

/// <summary>
/// CleanTiles and CrossbarTile.ClearFaults(healthy): after any faults, restoring gives back the captured tile bit for
/// bit and fault-free; and the MappedLayer view refuses what it cannot describe.
/// </summary>
public class CleanTilesTests
{
    private static readonly CrossbarSpec Spec = new(8, 6, 16, 1e-6, 1e-4);

    [Fact]
    public void Clearing_faults_with_the_healthy_readings_restores_every_stuck_cell()
    {
        var tile = Programmed(new Random(1));
        var healthy = (double[])tile.Conductance.Clone();
        tile.SetFault(0, 0, CellFault.StuckOn);
        tile.SetFault(7, 5, CellFault.StuckOff);
        tile.SetFault(3, 2, CellFault.StuckOn);

        tile.ClearFaults(healthy);

        tile.FaultCount.ShouldBe(0);
        tile.FaultAt(3, 2).ShouldBe(CellFault.None);
        tile.Conductance.ShouldBe(healthy);
        tile.Write(3, 2, 5e-5); // healthy again: programming works
        tile.Read(3, 2).ShouldBe(5e-5);
        Should.Throw<ArgumentException>(() => tile.ClearFaults(healthy.AsSpan(1)));
    }

    [Fact]
    public void Restore_brings_every_tile_back_after_many_random_chips()
    {
        var random = new Random(2);
        var tiles = new[] { Programmed(random), Programmed(random), Programmed(random), Programmed(random) };
        var layer = Layer(tiles);
        var expected = tiles.Select(t => (double[])t.Conductance.Clone()).ToArray();
        var clean = CleanTiles.Capture(layer);

        for (var chip = 0; chip < 20; chip++)
        {
            var faults = random.Next(0, 40);
            for (var f = 0; f < faults; f++)
            {
                tiles[random.Next(tiles.Length)].SetFault(random.Next(Spec.Rows), random.Next(Spec.Columns), random.Next(2) == 0 ? CellFault.StuckOn : CellFault.StuckOff);
            }

            clean.Restore();

            for (var t = 0; t < tiles.Length; t++)
            {
                tiles[t].FaultCount.ShouldBe(0);
                tiles[t].Conductance.ShouldBe(expected[t], $"chip {chip}, tile {t}");
            }
        }
    }

    [Fact]
    public void Capture_refuses_a_faulty_layer()
    {
        var tiles = new[] { Programmed(new Random(3)), Programmed(new Random(4)), Programmed(new Random(5)), Programmed(new Random(6)) };
        tiles[2].SetFault(1, 1, CellFault.StuckOn);

        Should.Throw<ArgumentException>(() => CleanTiles.Capture(Layer(tiles))).Message.ShouldContain("Tile 2");
    }

    [Fact]
    public void The_view_refuses_systolic_schemes_wrong_tile_counts_and_foreign_plans()
    {
        var tiles = Enumerable.Range(0, 4).Select(_ => new CrossbarTile(Spec)).ToArray();
        var plan = TilePlan.For(Scheme.TwoColumn, 12, 5, Spec.Rows, Spec.Columns);

        Should.Throw<ArgumentException>(() => new MappedLayer("d", plan, Scheme.WeightStationary, Spec, tiles, () => 1));
        Should.Throw<ArgumentException>(() => new MappedLayer("d", plan, Scheme.TwoColumn, Spec, tiles[..3], () => 1));
        Should.Throw<ArgumentException>(() => new MappedLayer("d", plan, Scheme.Offset, Spec, tiles, () => 1));
        Layer(tiles).BlockOf(3).ShouldBe(new TileBlock(8, 4, 3, 2));
    }

    [Fact]
    public void A_fault_outside_the_layer_is_rejected()
    {
        var layer = Layer(Enumerable.Range(0, 4).Select(_ => new CrossbarTile(Spec)).ToArray());
        var faults = new LayerFaults("d", [new CellFaultAt(4, 0, 0, CellFault.StuckOn)], []);

        Should.Throw<ArgumentException>(() => new FaultedWeights(layer).Collect(faults, new float[60], new WeightChanges()));
        Should.Throw<ArgumentException>(() => new FaultedWeights(layer).Collect(new LayerFaults("d"), new float[59], new WeightChanges()));
    }

    // A 12 x 5 matrix on two-column tiles of 8 x 6 cells (3 weights per row): 2 x 2 tiles, tile (1, 1) partial.
    private static MappedLayer Layer(CrossbarTile[] tiles) =>
        new("d", TilePlan.For(Scheme.TwoColumn, 12, 5, Spec.Rows, Spec.Columns), Scheme.TwoColumn, Spec, tiles, () => 0.5);

    private static CrossbarTile Programmed(Random random)
    {
        var tile = new CrossbarTile(Spec);
        for (var i = 0; i < tile.Conductance.Length; i++)
        {
            tile.Conductance[i] = Spec.Quantize(Spec.GOff + (random.NextDouble() * (Spec.GOn - Spec.GOff)));
        }

        return tile;
    }
}
