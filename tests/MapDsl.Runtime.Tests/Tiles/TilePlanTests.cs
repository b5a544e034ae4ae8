using MapDsl.Runtime.Schemes;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Tiles;

public sealed class TilePlanTests
{
    [Theory]
    // LeNet-5 c2: 6 inputs x 5 x 5 kernel = 150 rows, 16 outputs.
    [InlineData(Scheme.TwoColumn, 150, 16, 128, 128, 2, 64, 2, 1)]
    [InlineData(Scheme.Differential, 1024, 1024, 128, 128, 2, 64, 8, 16)]
    [InlineData(Scheme.Offset, 1024, 1024, 128, 128, 1, 127, 8, 9)]
    [InlineData(Scheme.Offset, 150, 127, 128, 128, 1, 127, 2, 1)]
    [InlineData(Scheme.Offset, 150, 128, 128, 128, 1, 127, 2, 2)]
    [InlineData(Scheme.WeightStationary, 150, 16, 32, 32, 1, 32, 5, 1)]
    [InlineData(Scheme.TwoColumn, 10, 10, 4, 5, 2, 2, 3, 5)] // odd tile width: one cell column idle
    [InlineData(Scheme.WeightStationary, 1, 1, 1, 1, 1, 1, 1, 1)]
    public void Counts_follow_ceiling_division(
        Scheme scheme, int matrixRows, int matrixColumns, int tileRows, int tileColumns,
        int cellsPerWeight, int weightsPerTileRow, int alongRows, int alongColumns)
    {
        TilePlan plan = TilePlan.For(scheme, matrixRows, matrixColumns, tileRows, tileColumns);

        plan.CellsPerWeight.ShouldBe(cellsPerWeight);
        plan.WeightsPerTileRow.ShouldBe(weightsPerTileRow);
        plan.TilesAlongRows.ShouldBe(alongRows);
        plan.TilesAlongColumns.ShouldBe(alongColumns);
        plan.TileCount.ShouldBe(alongRows * alongColumns);
    }

    [Fact]
    public void Blocks_cover_the_matrix_exactly_once_with_partial_edges()
    {
        TilePlan plan = TilePlan.For(Scheme.Offset, matrixRows: 10, matrixColumns: 7, tileRows: 4, tileColumns: 4);
        var covered = new int[10, 7];
        for (int a = 0; a < plan.TilesAlongRows; a++)
        {
            for (int b = 0; b < plan.TilesAlongColumns; b++)
            {
                TileBlock block = plan.Block(a, b);
                for (int r = block.RowStart; r < block.RowStart + block.RowCount; r++)
                {
                    for (int c = block.ColumnStart; c < block.ColumnStart + block.ColumnCount; c++)
                    {
                        covered[r, c]++;
                    }
                }
            }
        }

        covered.Cast<int>().ShouldAllBe(count => count == 1);
        plan.Block(2, 2).ShouldBe(new TileBlock(RowStart: 8, RowCount: 2, ColumnStart: 6, ColumnCount: 1));
        Should.Throw<ArgumentOutOfRangeException>(() => plan.Block(3, 0)).ParamName.ShouldBe("tileRow");
    }

    [Theory]
    [InlineData(Scheme.TwoColumn)]
    [InlineData(Scheme.Differential)]
    [InlineData(Scheme.Offset)]
    public void A_one_column_tile_cannot_hold_a_crossbar_weight(Scheme scheme)
    {
        var error = Should.Throw<ArgumentException>(() => TilePlan.For(scheme, 8, 8, 8, 1));
        error.Message.ShouldContain("at least 2 cell columns");
        error.Message.ShouldContain(scheme.ToString());
    }

    [Fact]
    public void Non_positive_sizes_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => TilePlan.For(Scheme.TwoColumn, 0, 8, 8, 8)).ParamName.ShouldBe("MatrixRows");
        Should.Throw<ArgumentOutOfRangeException>(() => TilePlan.For(Scheme.WeightStationary, 8, 8, 8, 0)).ParamName.ShouldBe("tileColumns");
        Should.Throw<ArgumentOutOfRangeException>(() => TilePlan.For((Scheme)9, 8, 8, 8, 8)).ParamName.ShouldBe("scheme");
    }

    [Fact]
    public void A_default_plan_has_no_tiles()
    {
        default(TilePlan).TileCount.ShouldBe(0);
    }
}
