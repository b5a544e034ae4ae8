using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Tiles;

public sealed class SystolicTileTests
{
    [Fact]
    public void A_new_tile_holds_zeros_and_shares_the_fault_map()
    {
        var spec = new SystolicSpec(4, 3);
        var faults = new PeFaultMap(spec);
        var first = new SystolicTile(spec, faults);
        var second = new SystolicTile(spec, faults);

        first.Weights.Length.ShouldBe(12);
        first.Weights.ShouldAllBe(w => w == 0f);
        first.Rows.ShouldBe(4);
        first.Columns.ShouldBe(3);
        first.PeFaults.ShouldBeSameAs(second.PeFaults);
    }

    [Fact]
    public void The_fault_map_must_match_the_array_size()
    {
        var error = Should.Throw<ArgumentException>(() => new SystolicTile(new SystolicSpec(4, 3), new PeFaultMap(new SystolicSpec(3, 4))));
        error.ParamName.ShouldBe("peFaults");
        error.Message.ShouldContain("3x4");
    }

    [Theory]
    [InlineData(0, 3, "Rows")]
    [InlineData(3, 0, "Columns")]
    public void Invalid_array_sizes_are_rejected(int rows, int columns, string parameter)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => new SystolicSpec(rows, columns));
        error.ParamName.ShouldBe(parameter);
        error.Message.ShouldContain("at least 1 PE");
    }
}
