using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Tiles;

public sealed class PeFaultMapTests
{
    private static readonly SystolicSpec Spec = new(Rows: 3, Columns: 5);

    [Fact]
    public void A_new_map_bypasses_nothing()
    {
        var map = new PeFaultMap(Spec);
        map.Count.ShouldBe(0);
        map.Mask.ToArray().ShouldAllBe(bypassed => !bypassed);
        map.IsBypassed(2, 4).ShouldBeFalse();
    }

    [Fact]
    public void Count_follows_changes_and_repeated_settings_are_idempotent()
    {
        var map = new PeFaultMap(Spec);
        map.SetBypassed(2, 1, true);
        map.SetBypassed(2, 1, true);
        map.SetBypassed(0, 4, true);
        map.Count.ShouldBe(2);
        map.IsBypassed(2, 1).ShouldBeTrue();
        map.Mask[2 * 5 + 1].ShouldBeTrue();

        map.SetBypassed(2, 1, false);
        map.SetBypassed(1, 1, false);
        map.Count.ShouldBe(1);
        map.Bypassed.ShouldBe([(0, 4)]);
    }

    [Fact]
    public void Bypassed_enumerates_row_major()
    {
        var map = new PeFaultMap(Spec);
        map.SetBypassed(2, 0, true);
        map.SetBypassed(0, 3, true);
        map.SetBypassed(1, 4, true);
        map.Bypassed.ShouldBe([(0, 3), (1, 4), (2, 0)]);
    }

    [Fact]
    public void Out_of_range_pes_are_rejected()
    {
        var map = new PeFaultMap(Spec);
        Should.Throw<ArgumentOutOfRangeException>(() => map.SetBypassed(3, 0, true)).Message.ShouldContain("Row 3");
        Should.Throw<ArgumentOutOfRangeException>(() => map.IsBypassed(0, 5)).Message.ShouldContain("Column 5");
    }
}
