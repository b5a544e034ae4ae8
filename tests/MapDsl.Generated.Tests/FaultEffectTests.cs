using Lab.LeNet;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Generated.Tests;

/// <summary>
/// What one stuck cell does to the weight it holds, under two-column and differential mapping,
/// checked against a cell-level calculation of the contract's table: for two-column a stuck-on
/// idle cell turns a weight (and a zero) into about ±w_max; for differential a stuck-on cell can
/// only pull a weight to 0 and leaves zeros unchanged.
/// </summary>
public class FaultEffectTests
{
    private const double GOff = Rram128.GOff;
    private const double GOn = Rram128.GOn;

    // Cells of a pair: index 0 is G+, 1 is G-.
    private const int GPlus = 0;
    private const int GMinus = 1;

    [Fact]
    public void Two_column_stuck_on_idle_cell_turns_a_weight_into_about_minus_or_plus_w_max()
    {
        var (weights, readBack, index, wMax) = MapWithFault(TC.Map, TC.ReadBack, s => s.F1, positive: true, GMinus /* idle at G_off */, CellFault.StuckOn);

        var clean = ReferenceMath.PairGrid(Sparse.Apply(weights).F1[index], wMax, Rram128.Levels);
        ((double)readBack.F1[index]).ShouldBe(clean - wMax, 1e-5 * wMax);
        ((double)readBack.F1[index]).ShouldBeLessThan(-0.5 * wMax + clean);
    }

    [Fact]
    public void Two_column_stuck_on_cell_of_a_zero_weight_gives_plus_or_minus_w_max()
    {
        foreach (var (cell, sign) in new[] { (GPlus, 1.0), (GMinus, -1.0) })
        {
            var (state, index, wMax) = ZeroWeightWithFault(TC.Map, s => s.F2, cell, CellFault.StuckOn);

            var readBack = TC.ReadBack(state);

            ((double)readBack.F2[index]).ShouldBe(sign * wMax, 1e-5 * wMax);
        }
    }

    [Fact]
    public void Differential_stuck_on_active_cell_pulls_the_weight_to_zero()
    {
        var (_, readBack, index, wMax) = MapWithFault(DM.Map, DM.ReadBack, s => s.F1, positive: true, GMinus /* G_on - k w */, CellFault.StuckOn);

        ((double)readBack.F1[index]).ShouldBe(0, 1e-5 * wMax);
    }

    [Fact]
    public void Differential_stuck_on_idle_cell_changes_nothing()
    {
        var (weights, readBack, index, wMax) = MapWithFault(DM.Map, DM.ReadBack, s => s.F1, positive: false, GMinus /* idle at G_on */, CellFault.StuckOn);

        var clean = ReferenceMath.PairGrid(Sparse.Apply(weights).F1[index], wMax, Rram128.Levels);
        ((double)readBack.F1[index]).ShouldBe(clean, 1e-5 * wMax);
    }

    [Fact]
    public void Differential_zero_weights_are_immune_to_stuck_on_cells()
    {
        foreach (var cell in new[] { GPlus, GMinus })
        {
            var (state, index, wMax) = ZeroWeightWithFault(DM.Map, s => s.F2, cell, CellFault.StuckOn);

            ((double)DM.ReadBack(state).F2[index]).ShouldBe(0, 1e-9);
        }
    }

    [Theory]
    [InlineData(101)]
    [InlineData(102)]
    public void Any_single_stuck_cell_reads_back_as_the_cell_level_calculation(int seed)
    {
        var random = new Random(seed);
        var weights = ExampleNetworks.LeNet5(seed);
        var pruned = Sparse.Apply(weights);
        foreach (var differential in new[] { false, true })
        {
            for (var trial = 0; trial < 60; trial++)
            {
                var index = random.Next(LeNet5.F1.WeightCount);
                var cell = random.Next(2);
                var fault = random.Next(2) == 0 ? CellFault.StuckOn : CellFault.StuckOff;
                var wMax = ReferenceMath.MaxAbs(pruned.F1);

                float actual;
                if (differential)
                {
                    var state = DM.Map(weights);
                    var (tile, row, column) = CellOf(state.F1, LeNet5.F1.MatrixRows, index, cell);
                    tile.SetFault(row, column, fault);
                    actual = DM.ReadBack(state).F1[index];
                }
                else
                {
                    var state = TC.Map(weights);
                    var (tile, row, column) = CellOf(state.F1, LeNet5.F1.MatrixRows, index, cell);
                    tile.SetFault(row, column, fault);
                    actual = TC.ReadBack(state).F1[index];
                }

                var expected = ExpectedReadBack(pruned.F1[index], wMax, differential, cell, fault);
                ((double)actual).ShouldBe(expected, 1e-5 * wMax, $"{(differential ? "DM" : "TC")} f1[{index}] = {pruned.F1[index]}, cell {cell} {fault}");
            }
        }
    }

    [Fact]
    public void A_stuck_cell_stays_stuck_when_the_chip_is_programmed_again()
    {
        var weights = ExampleNetworks.LeNet5(7);
        var state = TC.Map(weights);
        var (tile, row, column) = CellOf(state.F1, LeNet5.F1.MatrixRows, 0, 1);
        tile.SetFault(row, column, CellFault.StuckOn);

        TC.Map(ExampleNetworks.LeNet5(8), state);

        tile.Read(row, column).ShouldBe(GOn);
    }

    /// <summary>
    /// The contract's table, cell by cell, in float64: program the pair, quantize each cell to the
    /// levels, force the stuck cell, read (G+ - G-) / k.
    /// </summary>
    private static double ExpectedReadBack(double w, double wMax, bool differential, int cell, CellFault fault)
    {
        var k = (GOn - GOff) / wMax;
        double gPlus, gMinus;
        if (differential)
        {
            gPlus = w >= 0 ? GOn : GOn - (k * -w);
            gMinus = w >= 0 ? GOn - (k * w) : GOn;
        }
        else
        {
            gPlus = w > 0 ? GOff + (k * w) : GOff;
            gMinus = w < 0 ? GOff + (k * -w) : GOff;
        }

        var step = (GOn - GOff) / (Rram128.Levels - 1);
        double Quantize(double g) => GOff + (Math.Round((g - GOff) / step, MidpointRounding.AwayFromZero) * step);
        gPlus = Quantize(gPlus);
        gMinus = Quantize(gMinus);
        var stuck = fault == CellFault.StuckOn ? GOn : GOff;
        if (cell == 0)
        {
            gPlus = stuck;
        }
        else
        {
            gMinus = stuck;
        }

        return (gPlus - gMinus) / k;
    }

    /// <summary>
    /// The tile and cell that hold weight <paramref name="index"/> (PyTorch layout) of a layer
    /// (cell 0 = G+, 1 = G-), from the tile plan: tiles of 128 rows and 64 weight columns.
    /// </summary>
    private static (CrossbarTile Tile, int Row, int Column) CellOf(CrossbarTile[] tiles, int matrixRows, int index, int cell)
    {
        var row = index % matrixRows;
        var column = index / matrixRows;
        var tilesAlongColumns = tiles.Length / ((matrixRows + Rram128.Rows - 1) / Rram128.Rows);
        var tile = ((row / Rram128.Rows) * tilesAlongColumns) + (column / TC.WeightsPerTileRow);
        return (tiles[tile], row % Rram128.Rows, (2 * (column % TC.WeightsPerTileRow)) + cell);
    }

    private static (LeNet5.Weights Weights, LeNet5.Weights ReadBack, int Index, double WMax) MapWithFault<TState>(
        Func<LeNet5.Weights, TState> map, Func<TState, LeNet5.Weights> readBack, Func<TState, CrossbarTile[]> f1Tiles, bool positive, int cell, CellFault fault)
    {
        var weights = ExampleNetworks.LeNet5(3);
        var pruned = Sparse.Apply(weights);
        var index = Array.FindIndex(pruned.F1, w => positive ? w > 0.05f : w < -0.05f);
        var state = map(weights);
        var (tile, row, column) = CellOf(f1Tiles(state), LeNet5.F1.MatrixRows, index, cell);
        tile.SetFault(row, column, fault);
        return (weights, readBack(state), index, ReferenceMath.MaxAbs(pruned.F1));
    }

    private static (TState State, int Index, double WMax) ZeroWeightWithFault<TState>(
        Func<LeNet5.Weights, TState> map, Func<TState, CrossbarTile[]> f2Tiles, int cell, CellFault fault)
    {
        var weights = ExampleNetworks.LeNet5(4);
        var pruned = Sparse.Apply(weights);
        var index = Array.FindIndex(pruned.F2, w => w == 0);
        var state = map(weights);
        var (tile, row, column) = CellOf(f2Tiles(state), LeNet5.F2.MatrixRows, index, cell);
        tile.SetFault(row, column, fault);
        return (state, index, ReferenceMath.MaxAbs(pruned.F2));
    }
}
