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

    // The scan runs whole vectors first and the scalar loop on the rest: every length up to a few vectors, the
    // largest magnitude at every position, must give the scalar answer.
    [Fact]
    public void MaxAbs_of_vectors_and_the_rest_is_the_scalar_maximum()
    {
        var random = new Random(44);
        for (int length = 1; length <= 70; length++)
        {
            float[] weights = RandomWeights.Uniform(random, length, magnitude: 1.0);
            int at = random.Next(length);
            weights[at] = random.Next(2) == 0 ? -7.5f : 7.5f;

            WeightRange.MaxAbs(weights).ShouldBe(7.5, $"length {length}, largest at {at}");
        }
    }

    [Theory]
    [InlineData(float.NaN, 0)]
    [InlineData(float.PositiveInfinity, 37)]
    [InlineData(float.NegativeInfinity, 99)]
    public void The_first_non_finite_weight_of_a_long_array_is_named(float bad, int at)
    {
        float[] weights = RandomWeights.Uniform(new Random(45), 100, magnitude: 1.0);
        weights[at] = bad;
        weights[Math.Min(at + 5, 99)] = float.NaN;

        Should.Throw<ArgumentException>(() => WeightRange.MaxAbs(weights)).Message.ShouldContain($"Weight {at} is");
    }

    [Theory]
    [InlineData(float.NaN, 0)]
    [InlineData(float.PositiveInfinity, 31)]
    [InlineData(float.NegativeInfinity, 64)]
    [InlineData(float.NaN, 99)]
    public void RequireFinite_finds_the_first_bad_weight_of_a_long_array(float bad, int at)
    {
        float[] weights = RandomWeights.Uniform(new Random(46), 100, magnitude: 1.0);
        weights[at] = bad;
        weights[Math.Min(at + 3, 99)] = float.NaN;

        Should.Throw<ArgumentException>(() => WeightRange.RequireFinite(weights, "f1")).Message.ShouldStartWith($"Weight {at} of layer 'f1' is");
        weights[at] = 0.5f;
        weights[Math.Min(at + 3, 99)] = 0.25f;
        WeightRange.RequireFinite(weights, "f1");
    }

    // The one-pass check of generated Map: the bits of MaxAbs for every length up to a few vectors (largest
    // magnitude anywhere, of either sign, zeros of both signs), and RequireFinite's error otherwise.
    [Fact]
    public void RequireFiniteMaxAbs_is_MaxAbs_for_finite_weights()
    {
        var random = new Random(47);
        WeightRange.RequireFiniteMaxAbs([], "f1").ShouldBe(0.0);
        WeightRange.RequireFiniteMaxAbs([-0f, 0f], "f1").ShouldBe(0.0);
        for (int length = 1; length <= 140; length++)
        {
            float[] weights = RandomWeights.Uniform(random, length, magnitude: 1.0);
            weights[random.Next(length)] = (float)(random.Next(2) == 0 ? -random.NextDouble() : random.NextDouble()) * 3f;

            BitConverter.DoubleToInt64Bits(WeightRange.RequireFiniteMaxAbs(weights, "f1"))
                .ShouldBe(BitConverter.DoubleToInt64Bits(WeightRange.MaxAbs(weights)), $"length {length}");
        }
    }

    [Theory]
    [InlineData(float.NaN, 0)]
    [InlineData(float.PositiveInfinity, 31)]
    [InlineData(float.NegativeInfinity, 64)]
    [InlineData(float.NaN, 99)]
    public void RequireFiniteMaxAbs_names_the_first_bad_weight_like_RequireFinite(float bad, int at)
    {
        float[] weights = RandomWeights.Uniform(new Random(48), 100, magnitude: 1.0);
        weights[at] = bad;
        weights[Math.Min(at + 3, 99)] = float.NaN;

        Should.Throw<ArgumentException>(() => WeightRange.RequireFiniteMaxAbs(weights, "f1")).Message.ShouldStartWith($"Weight {at} of layer 'f1' is");
    }
}
