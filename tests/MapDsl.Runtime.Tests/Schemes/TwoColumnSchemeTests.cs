using MapDsl.Runtime.Schemes;
using MapDsl.Runtime.Tests.Support;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Schemes;

public sealed class TwoColumnSchemeTests
{
    // Step 1 between G_off = 1 and G_on = 11; with w_max = 1, k = 10 and multiples of 0.1 land on levels.
    private static readonly CrossbarSpec Small = new(Rows: 2, Columns: 4, Levels: 11, GOff: 1, GOn: 11);

    // Matrix 2 x 2 in PyTorch layout: column 0 = (0.5, -0.3), column 1 = (0, 1).
    private static readonly float[] Layer = [0.5f, -0.3f, 0f, 1f];

    [Theory]
    [MemberData(nameof(Seeds.Ten), MemberType = typeof(Seeds))]
    public void Write_then_read_returns_each_weight_on_the_level_grid(int seed)
    {
        var layer = RandomLayer.Create(seed, columns => columns / 2);
        var tile = new CrossbarTile(layer.Spec);

        TwoColumnScheme.Write(tile, layer.Weights, layer.MatrixRows, layer.RowStart, layer.RowCount, layer.ColStart, layer.ColCount, layer.WMax);
        float[] readBack = layer.Untouched();
        TwoColumnScheme.Read(tile, readBack, layer.MatrixRows, layer.RowStart, layer.RowCount, layer.ColStart, layer.ColCount, layer.WMax);

        layer.ShouldReadBackAs(readBack, w => ExpectedGrid.Magnitude(w, layer.WMax, layer.Spec.Levels));
        for (int row = 0; row < tile.Rows; row++)
        {
            for (int col = 0; col < tile.Columns; col++)
            {
                if (row >= layer.RowCount || col >= 2 * layer.ColCount)
                {
                    tile.Read(row, col).ShouldBe(layer.Spec.GOff, $"idle cell ({row}, {col})");
                }
            }
        }
    }

    [Fact]
    public void Matrix_column_j_lands_on_cell_columns_2j_and_2j_plus_1()
    {
        var tile = new CrossbarTile(Small);
        TwoColumnScheme.Write(tile, Layer, matrixRows: 2, rowStart: 0, rowCount: 2, colStart: 0, colCount: 2, wMax: 1);

        // Row 0: w = 0.5 -> (1 + 5, 1); w = 0 -> (1, 1). Row 1: w = -0.3 -> (1, 1 + 3); w = 1 -> (11, 1).
        tile.Conductance.ShouldBe([6, 1, 1, 1, 1, 4, 11, 1], tolerance: 1e-12);
    }

    [Fact]
    public void A_stuck_on_idle_cell_subtracts_w_max_from_a_positive_weight()
    {
        float[] readBack = WriteFaultThenRead((0, 1, CellFault.StuckOn));
        // (G+ - G_on) / k = (6 - 11) / 10 = w - w_max.
        readBack[0].ShouldBe(-0.5f, 1e-6f);
        readBack[1..].ShouldBe([-0.3f, 0f, 1f], tolerance: 1e-6f);
    }

    [Theory]
    [InlineData(2, 1.0f)]  // G+ of the zero weight stuck on: +w_max
    [InlineData(3, -1.0f)] // G- of the zero weight stuck on: -w_max
    public void A_stuck_on_cell_turns_a_zero_weight_into_plus_or_minus_w_max(int cellColumn, float expected)
    {
        float[] readBack = WriteFaultThenRead((0, cellColumn, CellFault.StuckOn));
        readBack[2].ShouldBe(expected, 1e-6f);
    }

    [Fact]
    public void A_stuck_off_active_cell_zeroes_its_weight()
    {
        float[] readBack = WriteFaultThenRead((1, 2, CellFault.StuckOff)); // G+ = G_on of w = 1
        readBack[3].ShouldBe(0f, 1e-6f);
    }

    [Fact]
    public void Faults_survive_reprogramming()
    {
        var tile = new CrossbarTile(Small);
        tile.SetFault(0, 1, CellFault.StuckOn);
        TwoColumnScheme.Write(tile, Layer, 2, 0, 2, 0, 2, 1);
        TwoColumnScheme.Write(tile, Layer.Select(w => -w).ToArray(), 2, 0, 2, 0, 2, 1);

        tile.FaultCount.ShouldBe(1);
        tile.FaultAt(0, 1).ShouldBe(CellFault.StuckOn);
        tile.Read(0, 1).ShouldBe(11.0);
        var readBack = new float[4];
        TwoColumnScheme.Read(tile, readBack, 2, 0, 2, 0, 2, 1);
        readBack[0].ShouldBe(-1f, 1e-6f); // -0.5 with G- stuck on clamps to -(G_on - G_off) / k
    }

    [Fact]
    public void An_all_zero_layer_writes_g_off_and_reads_back_zero()
    {
        var tile = new CrossbarTile(Small);
        TwoColumnScheme.Write(tile, new float[4], 2, 0, 2, 0, 2, wMax: 0);
        tile.Conductance.ShouldAllBe(g => g == 1.0);
        var readBack = new float[] { 9, 9, 9, 9 };
        TwoColumnScheme.Read(tile, readBack, 2, 0, 2, 0, 2, wMax: 0);
        readBack.ShouldAllBe(w => w == 0f);
    }

    [Fact]
    public void Blocks_that_do_not_fit_are_rejected_with_clear_messages()
    {
        var tile = new CrossbarTile(Small);
        Should.Throw<ArgumentOutOfRangeException>(() => TwoColumnScheme.Write(tile, Layer, 2, 0, 2, 0, 3, 1))
            .Message.ShouldContain("holds 2 matrix columns");
        Should.Throw<ArgumentOutOfRangeException>(() => TwoColumnScheme.Write(tile, new float[6], 3, 0, 3, 0, 2, 1))
            .Message.ShouldContain("tile has 2 rows");
        Should.Throw<ArgumentOutOfRangeException>(() => TwoColumnScheme.Write(tile, Layer, 2, 1, 2, 0, 2, 1))
            .Message.ShouldContain("run past the matrix's 2 rows");
        Should.Throw<ArgumentException>(() => TwoColumnScheme.Read(tile, new float[3], 2, 0, 2, 0, 2, 1))
            .Message.ShouldContain("need 4");
        Should.Throw<ArgumentOutOfRangeException>(() => TwoColumnScheme.Write(tile, Layer, 2, 0, 2, 0, 2, -1))
            .ParamName.ShouldBe("wMax");
        Should.Throw<ArgumentOutOfRangeException>(() => TwoColumnScheme.Write(tile, Layer, 2, -1, 1, 0, 1, 1))
            .ParamName.ShouldBe("rowStart");
    }

    [Fact]
    public void A_one_column_tile_is_rejected()
    {
        var tile = new CrossbarTile(new CrossbarSpec(2, 1, 11, 1, 11));
        Should.Throw<ArgumentException>(() => TwoColumnScheme.Write(tile, Layer, 2, 0, 2, 0, 1, 1))
            .Message.ShouldContain("at least 2 cell columns");
    }

    private static float[] WriteFaultThenRead((int Row, int Column, CellFault Fault) fault)
    {
        var tile = new CrossbarTile(Small);
        TwoColumnScheme.Write(tile, Layer, 2, 0, 2, 0, 2, 1);
        tile.SetFault(fault.Row, fault.Column, fault.Fault);
        var readBack = new float[4];
        TwoColumnScheme.Read(tile, readBack, 2, 0, 2, 0, 2, 1);
        return readBack;
    }
}
