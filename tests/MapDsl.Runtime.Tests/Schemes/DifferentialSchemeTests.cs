using MapDsl.Runtime.Schemes;
using MapDsl.Runtime.Tests.Support;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Schemes;

public sealed class DifferentialSchemeTests
{
    // Step 1 between G_off = 1 and G_on = 11; with w_max = 1, k = 10 and multiples of 0.1 land on levels.
    private static readonly CrossbarSpec Small = new(Rows: 2, Columns: 4, Levels: 11, GOff: 1, GOn: 11);

    // Matrix 2 x 2 in PyTorch layout: column 0 = (0.5, -0.3), column 1 = (0, 1).
    private static readonly float[] Layer = [0.5f, -0.3f, 0f, 1f];

    [Theory]
    [MemberData(nameof(Seeds.Ten), MemberType = typeof(Seeds))]
    public void Write_then_read_returns_each_weight_on_the_level_grid(int seed)
    {
        var layer = RandomLayer.Create(seed + 100, columns => columns / 2);
        var tile = new CrossbarTile(layer.Spec);

        DifferentialScheme.Write(tile, layer.Weights, layer.MatrixRows, layer.RowStart, layer.RowCount, layer.ColStart, layer.ColCount, layer.WMax);
        float[] readBack = layer.Untouched();
        DifferentialScheme.Read(tile, readBack, layer.MatrixRows, layer.RowStart, layer.RowCount, layer.ColStart, layer.ColCount, layer.WMax);

        layer.ShouldReadBackAs(readBack, w => ExpectedGrid.Magnitude(w, layer.WMax, layer.Spec.Levels));
        for (int row = 0; row < tile.Rows; row++)
        {
            for (int col = 0; col < tile.Columns; col++)
            {
                if (row >= layer.RowCount || col >= 2 * layer.ColCount)
                {
                    tile.Read(row, col).ShouldBe(layer.Spec.GOn, $"idle cell ({row}, {col})");
                }
            }
        }
    }

    [Fact]
    public void Both_cells_rest_at_g_on_and_the_weight_lowers_the_opposite_one()
    {
        var tile = new CrossbarTile(Small);
        DifferentialScheme.Write(tile, Layer, matrixRows: 2, rowStart: 0, rowCount: 2, colStart: 0, colCount: 2, wMax: 1);

        // Row 0: w = 0.5 -> (11, 11 - 5); w = 0 -> (11, 11). Row 1: w = -0.3 -> (11 - 3, 11); w = 1 -> (11, 1).
        tile.Conductance.ShouldBe([11, 6, 11, 11, 8, 11, 11, 1], tolerance: 1e-12);
    }

    [Fact]
    public void The_active_cell_stuck_on_zeroes_the_weight()
    {
        float[] readBack = WriteFaultThenRead((0, 1, CellFault.StuckOn));
        readBack.ShouldBe([0f, -0.3f, 0f, 1f], tolerance: 1e-6f);
    }

    [Fact]
    public void The_resting_cell_stuck_on_changes_nothing()
    {
        float[] readBack = WriteFaultThenRead((0, 0, CellFault.StuckOn));
        readBack.ShouldBe(Layer, tolerance: 1e-6f);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_zero_weight_stays_zero_under_any_single_stuck_on(int cellColumn)
    {
        float[] readBack = WriteFaultThenRead((0, cellColumn, CellFault.StuckOn));
        readBack[2].ShouldBe(0f);
    }

    [Theory]
    [InlineData(2, -1.0f)] // G+ stuck off: (G_off - G_on) / k = -w_max
    [InlineData(3, 1.0f)]  // G- stuck off: +w_max
    public void A_stuck_off_cell_turns_a_zero_weight_into_plus_or_minus_w_max(int cellColumn, float expected)
    {
        float[] readBack = WriteFaultThenRead((0, cellColumn, CellFault.StuckOff));
        readBack[2].ShouldBe(expected, 1e-6f);
    }

    [Fact]
    public void Faults_survive_reprogramming()
    {
        var tile = new CrossbarTile(Small);
        tile.SetFault(1, 3, CellFault.StuckOff);
        DifferentialScheme.Write(tile, Layer, 2, 0, 2, 0, 2, 1);
        DifferentialScheme.Write(tile, Layer.Select(w => -w).ToArray(), 2, 0, 2, 0, 2, 1);

        tile.FaultCount.ShouldBe(1);
        tile.Read(1, 3).ShouldBe(1.0);
        var readBack = new float[4];
        DifferentialScheme.Read(tile, readBack, 2, 0, 2, 0, 2, 1);
        readBack.ShouldBe([-0.5f, 0.3f, 0f, 0f], tolerance: 1e-6f); // w = -1 has G- stuck off at G_off, like G+
    }

    [Fact]
    public void Blocks_that_do_not_fit_are_rejected_with_clear_messages()
    {
        var tile = new CrossbarTile(Small);
        Should.Throw<ArgumentOutOfRangeException>(() => DifferentialScheme.Read(tile, new float[4], 2, 0, 2, 0, 3, 1))
            .Message.ShouldContain("differential tile of 4 cell columns holds 2 matrix columns");
        Should.Throw<ArgumentException>(() => DifferentialScheme.Write(tile, new float[3], 2, 0, 2, 0, 2, 1))
            .ParamName.ShouldBe("weights");
    }

    private static float[] WriteFaultThenRead((int Row, int Column, CellFault Fault) fault)
    {
        var tile = new CrossbarTile(Small);
        DifferentialScheme.Write(tile, Layer, 2, 0, 2, 0, 2, 1);
        tile.SetFault(fault.Row, fault.Column, fault.Fault);
        var readBack = new float[4];
        DifferentialScheme.Read(tile, readBack, 2, 0, 2, 0, 2, 1);
        return readBack;
    }
}
