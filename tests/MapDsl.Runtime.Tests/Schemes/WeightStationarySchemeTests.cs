using MapDsl.Runtime.Schemes;
using MapDsl.Runtime.Tests.Support;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Schemes;

public sealed class WeightStationarySchemeTests
{
    private const int MatrixRows = 10;
    private const int MatrixColumns = 7;
    private static readonly SystolicSpec Array4x3 = new(Rows: 4, Columns: 3);

    [Fact]
    public void A_healthy_array_reads_back_every_weight_exactly()
    {
        float[] weights = RandomWeights.Uniform(new Random(7), MatrixRows * MatrixColumns, 1.0);
        float[] readBack = MapWholeLayer(weights, new PeFaultMap(Array4x3), bypassAfterWriting: []);
        readBack.ShouldBe(weights);
    }

    [Fact]
    public void Unused_pes_hold_zero()
    {
        var tile = new SystolicTile(Array4x3, new PeFaultMap(Array4x3));
        Array.Fill(tile.Weights, 5f);
        float[] weights = Enumerable.Range(1, 6).Select(i => (float)i).ToArray(); // 2 x 3 matrix

        WeightStationaryScheme.Write(tile, weights, matrixRows: 2, rowStart: 0, rowCount: 2, colStart: 1, colCount: 2);

        // Block columns 1 and 2 hold (3, 4) and (5, 6): PE (i, j) gets matrix element (i, 1 + j).
        tile.Weights.ShouldBe([3f, 5f, 0f, 4f, 6f, 0f, 0f, 0f, 0f, 0f, 0f, 0f]);
    }

    [Fact]
    public void A_bypassed_pe_zeroes_exactly_the_weights_it_holds_in_every_tile()
    {
        float[] weights = RandomWeights.Uniform(new Random(8), MatrixRows * MatrixColumns, 1.0);
        var faults = new PeFaultMap(Array4x3);

        float[] readBack = MapWholeLayer(weights, faults, bypassAfterWriting: [(1, 2)]);

        for (int c = 0; c < MatrixColumns; c++)
        {
            for (int r = 0; r < MatrixRows; r++)
            {
                int index = c * MatrixRows + r;
                float expected = r % 4 == 1 && c % 3 == 2 ? 0f : weights[index];
                readBack[index].ShouldBe(expected, $"matrix element ({r}, {c})");
            }
        }

        readBack.Count(w => w == 0f).ShouldBe(3 * 2); // rows 1, 5, 9 x columns 2, 5
    }

    [Fact]
    public void Blocks_larger_than_the_array_are_rejected()
    {
        var tile = new SystolicTile(Array4x3, new PeFaultMap(Array4x3));
        Should.Throw<ArgumentOutOfRangeException>(() => WeightStationaryScheme.Write(tile, new float[70], 10, 0, 5, 0, 3))
            .Message.ShouldContain("tile has 4 rows");
        Should.Throw<ArgumentOutOfRangeException>(() => WeightStationaryScheme.Read(tile, new float[70], 10, 0, 4, 0, 4))
            .Message.ShouldContain("weight-stationary tile of 3 cell columns holds 3 matrix columns");
    }

    private static float[] MapWholeLayer(float[] weights, PeFaultMap faults, (int Row, int Column)[] bypassAfterWriting)
    {
        TilePlan plan = TilePlan.For(Scheme.WeightStationary, MatrixRows, MatrixColumns, Array4x3.Rows, Array4x3.Columns);
        var tiles = new List<(SystolicTile Tile, TileBlock Block)>();
        for (int a = 0; a < plan.TilesAlongRows; a++)
        {
            for (int b = 0; b < plan.TilesAlongColumns; b++)
            {
                var tile = new SystolicTile(Array4x3, faults);
                TileBlock block = plan.Block(a, b);
                WeightStationaryScheme.Write(tile, weights, MatrixRows, block.RowStart, block.RowCount, block.ColumnStart, block.ColumnCount);
                tiles.Add((tile, block));
            }
        }

        // Faults land after programming: the chip's shared map must still take effect on every tile.
        foreach ((int row, int column) in bypassAfterWriting)
        {
            faults.SetBypassed(row, column, true);
        }

        var readBack = new float[weights.Length];
        Array.Fill(readBack, float.NaN);
        foreach ((SystolicTile tile, TileBlock block) in tiles)
        {
            WeightStationaryScheme.Read(tile, readBack, MatrixRows, block.RowStart, block.RowCount, block.ColumnStart, block.ColumnCount);
        }

        return readBack;
    }
}
