using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Tiles;

public sealed class CrossbarTileTests
{
    private static readonly CrossbarSpec Spec = new(Rows: 3, Columns: 4, Levels: 11, GOff: 1, GOn: 11);

    [Fact]
    public void A_new_tile_reads_g_off_everywhere_and_has_no_faults()
    {
        var tile = new CrossbarTile(Spec);
        tile.Rows.ShouldBe(3);
        tile.Columns.ShouldBe(4);
        tile.Conductance.Length.ShouldBe(12);
        tile.Conductance.ShouldAllBe(g => g == 1.0);
        tile.FaultCount.ShouldBe(0);
        tile.Faults.ShouldBeEmpty();
    }

    [Fact]
    public void Write_stores_the_value_row_major_without_quantizing()
    {
        var tile = new CrossbarTile(Spec);
        tile.Write(2, 1, 3.25);
        tile.Read(2, 1).ShouldBe(3.25);
        tile.Conductance[2 * 4 + 1].ShouldBe(3.25);
    }

    [Theory]
    [InlineData(CellFault.StuckOn, 11.0)]
    [InlineData(CellFault.StuckOff, 1.0)]
    public void A_stuck_cell_reads_its_stuck_value_at_once_and_ignores_writes(CellFault fault, double reading)
    {
        var tile = new CrossbarTile(Spec);
        tile.Write(1, 2, 6.0);
        tile.SetFault(1, 2, fault);
        tile.Read(1, 2).ShouldBe(reading);

        tile.Write(1, 2, 4.0);
        tile.Read(1, 2).ShouldBe(reading);
        tile.FaultAt(1, 2).ShouldBe(fault);
        tile.FaultCount.ShouldBe(1);
    }

    [Fact]
    public void Clearing_a_fault_makes_the_cell_writable_again()
    {
        var tile = new CrossbarTile(Spec);
        tile.SetFault(0, 0, CellFault.StuckOn);
        tile.SetFault(0, 0, CellFault.None);

        tile.FaultAt(0, 0).ShouldBe(CellFault.None);
        tile.FaultCount.ShouldBe(0);
        tile.Read(0, 0).ShouldBe(11.0); // keeps its last reading until programmed
        tile.Write(0, 0, 5.0);
        tile.Read(0, 0).ShouldBe(5.0);
    }

    [Fact]
    public void Faults_enumerate_row_major_whatever_the_insertion_order()
    {
        var tile = new CrossbarTile(Spec);
        tile.SetFault(2, 0, CellFault.StuckOff);
        tile.SetFault(0, 3, CellFault.StuckOn);
        tile.SetFault(1, 1, CellFault.StuckOn);
        tile.SetFault(0, 1, CellFault.StuckOff);

        tile.Faults.ShouldBe(
        [
            (0, 1, CellFault.StuckOff),
            (0, 3, CellFault.StuckOn),
            (1, 1, CellFault.StuckOn),
            (2, 0, CellFault.StuckOff),
        ]);
    }

    [Fact]
    public void Changing_a_fault_replaces_it()
    {
        var tile = new CrossbarTile(Spec);
        tile.SetFault(1, 1, CellFault.StuckOn);
        tile.SetFault(1, 1, CellFault.StuckOff);
        tile.FaultCount.ShouldBe(1);
        tile.Read(1, 1).ShouldBe(1.0);
    }

    [Fact]
    public void Fill_programs_healthy_cells_and_keeps_stuck_ones()
    {
        var tile = new CrossbarTile(Spec);
        tile.SetFault(0, 2, CellFault.StuckOff);
        tile.SetFault(2, 3, CellFault.StuckOn);
        tile.Fill(11.0);
        tile.Read(0, 2).ShouldBe(1.0);
        tile.Fill(1.0);
        tile.Read(2, 3).ShouldBe(11.0);
        tile.Conductance.Count(g => g == 1.0).ShouldBe(11);
    }

    [Fact]
    public void ReapplyFaults_restores_stuck_cells_after_a_direct_array_write()
    {
        var tile = new CrossbarTile(Spec);
        tile.SetFault(1, 3, CellFault.StuckOn);
        tile.SetFault(2, 2, CellFault.StuckOff);
        Array.Fill(tile.Conductance, 6.0);

        tile.ReapplyFaults();

        tile.Read(1, 3).ShouldBe(11.0);
        tile.Read(2, 2).ShouldBe(1.0);
        tile.Conductance.Count(g => g == 6.0).ShouldBe(10);
    }

    [Theory]
    [InlineData(-1, 0, "row", "Row -1")]
    [InlineData(3, 0, "row", "Row 3")]
    [InlineData(0, 4, "col", "Column 4")]
    [InlineData(0, -2, "col", "Column -2")]
    public void The_single_cell_api_checks_bounds_with_a_clear_message(int row, int col, string parameter, string message)
    {
        var tile = new CrossbarTile(Spec);
        foreach (Action call in new Action[]
                 {
                     () => tile.Read(row, col),
                     () => tile.Write(row, col, 2.0),
                     () => tile.SetFault(row, col, CellFault.StuckOn),
                     () => tile.FaultAt(row, col),
                 })
        {
            var error = Should.Throw<ArgumentOutOfRangeException>(call);
            error.ParamName.ShouldBe(parameter);
            error.Message.ShouldContain(message);
        }
    }

    [Fact]
    public void Unknown_faults_and_non_finite_conductances_are_rejected()
    {
        var tile = new CrossbarTile(Spec);
        Should.Throw<ArgumentOutOfRangeException>(() => tile.SetFault(0, 0, (CellFault)7)).ParamName.ShouldBe("fault");
        Should.Throw<ArgumentOutOfRangeException>(() => tile.Write(0, 0, double.NaN)).ParamName.ShouldBe("g");
        Should.Throw<ArgumentOutOfRangeException>(() => tile.Fill(double.PositiveInfinity)).ParamName.ShouldBe("g");
    }
}
