using MapDsl.Runtime.Quantization;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Quantization;

public sealed class WeightRangeTests
{
    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    [InlineData(43)]
    public void MaxAbs_is_the_largest_magnitude(int seed)
    {
        float[] weights = RandomWeights.Uniform(new Random(seed), 777, magnitude: 4.0);
        double expected = 0;
        foreach (float w in weights)
        {
            expected = Math.Max(expected, Math.Abs((double)w));
        }

        WeightRange.MaxAbs(weights).ShouldBe(expected);
    }

    [Fact]
    public void A_negative_weight_can_set_the_range()
    {
        WeightRange.MaxAbs([0.5f, -3f, 2f]).ShouldBe(3.0);
    }

    [Fact]
    public void An_empty_array_has_range_zero()
    {
        WeightRange.MaxAbs([]).ShouldBe(0.0);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Non_finite_weights_are_rejected(float bad)
    {
        Should.Throw<ArgumentException>(() => WeightRange.MaxAbs([1f, bad, 2f])).Message.ShouldContain("Weight 1");
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void RequireFinite_names_the_layer_and_the_index_of_the_first_bad_weight(float bad, string shown)
    {
        var error = Should.Throw<ArgumentException>(() => WeightRange.RequireFinite([0f, 1f, bad, bad], "f1"));

        error.Message.ShouldStartWith($"Weight 2 of layer 'f1' is {shown}: a layer can only be mapped with finite weights");
        error.ParamName.ShouldBe("weights");
    }

    [Fact]
    public void RequireFinite_accepts_finite_weights_extremes_included()
    {
        WeightRange.RequireFinite([0f, -0f, float.MaxValue, float.MinValue, float.Epsilon], "f1");
        WeightRange.RequireFinite([], "empty");
    }
}
