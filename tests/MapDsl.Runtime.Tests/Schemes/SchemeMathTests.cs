using MapDsl.Runtime.Schemes;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Schemes;

public sealed class SchemeMathTests
{
    // Range 10 between G_off = 1 and G_on = 11; with w_max = 2, k = 5.
    private static readonly CrossbarSpec Spec = new(Rows: 1, Columns: 2, Levels: 11, GOff: 1, GOn: 11);

    [Theory]
    [InlineData(2.0, 5.0)]
    [InlineData(0.5, 20.0)]
    [InlineData(0.0, 10.0)] // all-zero layer: w_max treated as 1
    public void Scale_is_the_conductance_range_over_w_max(double wMax, double k)
    {
        SchemeMath.Scale(wMax, Spec).ShouldBe(k, 1e-12);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Scale_rejects_invalid_w_max(double wMax)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => SchemeMath.Scale(wMax, Spec)).ParamName.ShouldBe("wMax");
    }

    [Theory]
    [InlineData(0.4, 3.0, 1.0)]
    [InlineData(-0.4, 1.0, 3.0)]
    [InlineData(0.0, 1.0, 1.0)]
    [InlineData(2.0, 11.0, 1.0)]
    public void Two_column_raises_the_cell_of_the_weights_sign_above_g_off(double w, double gPlus, double gMinus)
    {
        (double GPlus, double GMinus) pair = SchemeMath.TwoColumnPair(w, 5.0, Spec);
        pair.GPlus.ShouldBe(gPlus, 1e-12);
        pair.GMinus.ShouldBe(gMinus, 1e-12);
        SchemeMath.ReadPair(pair.GPlus, pair.GMinus, 5.0).ShouldBe(w, 1e-12);
    }

    [Theory]
    [InlineData(0.4, 11.0, 9.0)]
    [InlineData(-0.4, 9.0, 11.0)]
    [InlineData(0.0, 11.0, 11.0)]
    [InlineData(-2.0, 1.0, 11.0)]
    public void Differential_lowers_the_cell_of_the_opposite_sign_below_g_on(double w, double gPlus, double gMinus)
    {
        (double GPlus, double GMinus) pair = SchemeMath.DifferentialPair(w, 5.0, Spec);
        pair.GPlus.ShouldBe(gPlus, 1e-12);
        pair.GMinus.ShouldBe(gMinus, 1e-12);
        SchemeMath.ReadPair(pair.GPlus, pair.GMinus, 5.0).ShouldBe(w, 1e-12);
    }

    [Theory]
    [InlineData(-2.0, 1.0)]
    [InlineData(0.0, 6.0)]
    [InlineData(1.0, 8.5)]
    [InlineData(2.0, 11.0)]
    public void Offset_maps_minus_w_max_zero_and_w_max_to_g_off_mid_and_g_on(double w, double g)
    {
        double cell = SchemeMath.OffsetCell(w, 2.0, 5.0, Spec);
        cell.ShouldBe(g, 1e-12);
        SchemeMath.ReadOffset(cell, 6.0, 5.0).ShouldBe(w, 1e-12);
    }

    [Fact]
    public void Offset_treats_a_zero_w_max_as_one()
    {
        // k = 10 and w_max = 1: a zero weight sits at the mid conductance.
        SchemeMath.OffsetCell(0.0, 0.0, 10.0, Spec).ShouldBe(6.0, 1e-12);
        SchemeMath.EffectiveWMax(0.0).ShouldBe(1.0);
        SchemeMath.EffectiveWMax(0.25).ShouldBe(0.25);
    }
}
