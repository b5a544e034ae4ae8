using MapDsl.Runtime.Schemes;
using MapDsl.Runtime.Tests.Support;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Schemes;

public sealed class OffsetSchemeTests
{
    // Step 1 between G_off = 1 and G_on = 11, mid 6; with w_max = 1, G = 6 + 5 w and read back = (G - G_ref) / 5.
    private static readonly CrossbarSpec Small = new(Rows: 2, Columns: 3, Levels: 11, GOff: 1, GOn: 11);

    // Matrix 2 x 2 in PyTorch layout: column 0 = (0.6, -0.2), column 1 = (0.4, 1).
    private static readonly float[] Layer = [0.6f, -0.2f, 0.4f, 1f];

    [Theory]
    [MemberData(nameof(Seeds.Ten), MemberType = typeof(Seeds))]
    public void Write_then_read_returns_each_weight_on_the_level_grid(int seed)
    {
        var layer = RandomLayer.Create(seed + 200, columns => columns - 1);
        var tile = new CrossbarTile(layer.Spec);

        OffsetScheme.Write(tile, layer.Weights, layer.MatrixRows, layer.RowStart, layer.RowCount, layer.ColStart, layer.ColCount, layer.WMax);
        float[] readBack = layer.Untouched();
        OffsetScheme.Read(tile, readBack, layer.MatrixRows, layer.RowStart, layer.RowCount, layer.ColStart, layer.ColCount, layer.WMax);

        layer.ShouldReadBackAs(readBack, w => ExpectedGrid.Offset(w, layer.WMax, layer.Spec.Levels));
        double mid = (layer.Spec.GOff + layer.Spec.GOn) / 2;
        for (int row = 0; row < tile.Rows; row++)
        {
            for (int col = 0; col < tile.Columns; col++)
            {
                if (row >= layer.RowCount || col >= layer.ColCount)
                {
                    tile.Read(row, col).ShouldBe(mid, $"idle or reference cell ({row}, {col})");
                }
            }
        }
    }

    [Fact]
    public void Weights_sit_on_columns_0_to_c_minus_2_and_the_last_column_is_the_reference()
    {
        var tile = new CrossbarTile(Small);
        OffsetScheme.Write(tile, Layer, matrixRows: 2, rowStart: 0, rowCount: 2, colStart: 0, colCount: 2, wMax: 1);

        // Row 0: 6 + 3, 6 + 2, ref 6. Row 1: 6 - 1, 6 + 5, ref 6.
        tile.Conductance.ShouldBe([9, 8, 6, 5, 11, 6], tolerance: 1e-12);
        OffsetScheme.ReferenceColumn(Small).ShouldBe(2);
    }

    [Fact]
    public void The_reference_is_exactly_mid_even_when_mid_is_not_a_level()
    {
        // Four levels 0, 1, 2, 3: mid 1.5 lies between levels.
        var spec = new CrossbarSpec(Rows: 2, Columns: 2, Levels: 4, GOff: 0, GOn: 3);
        var tile = new CrossbarTile(spec);
        OffsetScheme.Write(tile, new float[] { 1f, -1f }, 2, 0, 2, 0, 1, wMax: 1);

        tile.Read(0, 1).ShouldBe(1.5);
        tile.Read(1, 1).ShouldBe(1.5);
        tile.Read(0, 0).ShouldBe(3.0);
        tile.Read(1, 0).ShouldBe(0.0);
    }

    [Fact]
    public void A_stuck_on_reference_cell_shifts_its_whole_row_by_minus_w_max()
    {
        float[] readBack = WriteFaultThenRead((0, 2, CellFault.StuckOn));
        // Row 0 reads (G - 11) / 5 = w - 1; row 1 untouched.
        readBack.ShouldBe([-0.4f, -0.2f, -0.6f, 1f], tolerance: 1e-6f);
    }

    [Fact]
    public void A_stuck_off_reference_cell_shifts_its_whole_row_by_plus_w_max()
    {
        float[] readBack = WriteFaultThenRead((1, 2, CellFault.StuckOff));
        readBack.ShouldBe([0.6f, 0.8f, 0.4f, 2f], tolerance: 1e-6f);
    }

    [Theory]
    [InlineData(CellFault.StuckOn, 1.0f)]
    [InlineData(CellFault.StuckOff, -1.0f)]
    public void A_stuck_weight_cell_reads_plus_or_minus_w_max(CellFault fault, float expected)
    {
        float[] readBack = WriteFaultThenRead((1, 0, fault));
        readBack.ShouldBe([0.6f, expected, 0.4f, 1f], tolerance: 1e-6f);
    }

    [Fact]
    public void Faults_survive_reprogramming()
    {
        var tile = new CrossbarTile(Small);
        OffsetScheme.Write(tile, Layer, 2, 0, 2, 0, 2, 1);
        tile.SetFault(0, 2, CellFault.StuckOn);
        OffsetScheme.Write(tile, Layer.Select(w => -w).ToArray(), 2, 0, 2, 0, 2, 1);

        tile.FaultAt(0, 2).ShouldBe(CellFault.StuckOn);
        var readBack = new float[4];
        OffsetScheme.Read(tile, readBack, 2, 0, 2, 0, 2, 1);
        readBack.ShouldBe([-1.6f, 0.2f, -1.4f, -1f], tolerance: 1e-6f);
    }

    [Fact]
    public void Blocks_that_do_not_fit_are_rejected_with_clear_messages()
    {
        var tile = new CrossbarTile(Small);
        Should.Throw<ArgumentOutOfRangeException>(() => OffsetScheme.Write(tile, Layer, 2, 0, 2, 0, 3, 1))
            .Message.ShouldContain("offset tile of 3 cell columns holds 2 matrix columns");
        Should.Throw<ArgumentException>(() => OffsetScheme.Write(new CrossbarTile(new CrossbarSpec(2, 1, 11, 1, 11)), Layer, 2, 0, 2, 0, 1, 1))
            .Message.ShouldContain("at least 2 cell columns");
    }

    private static float[] WriteFaultThenRead((int Row, int Column, CellFault Fault) fault)
    {
        var tile = new CrossbarTile(Small);
        OffsetScheme.Write(tile, Layer, 2, 0, 2, 0, 2, 1);
        tile.SetFault(fault.Row, fault.Column, fault.Fault);
        var readBack = new float[4];
        OffsetScheme.Read(tile, readBack, 2, 0, 2, 0, 2, 1);
        return readBack;
    }
}
