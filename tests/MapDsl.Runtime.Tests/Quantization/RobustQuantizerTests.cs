using MapDsl.Runtime.Quantization;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Quantization;

public sealed class RobustQuantizerTests
{
    [Theory]
    [InlineData(1, null, 81)]
    [InlineData(2, null, 82)]
    [InlineData(4, null, 83)]
    [InlineData(8, null, 84)]
    [InlineData(16, null, 85)]
    [InlineData(8, 0.5, 86)]  // clips both tails of a ±1.3 tensor
    [InlineData(4, 5.0, 87)]  // clip wider than the tensor: no effect
    public void Quantize_matches_a_hand_written_reference(int bits, double? clip, int seed)
    {
        float[] weights = Lopsided(new Random(seed), 1500);
        (int[] codes, double[] expected) = ExpectedQuantization.Robust(weights, bits, clip);
        double min = expected.Min();
        double max = expected.Max();

        QuantizedTensor tensor = RobustQuantizer.Quantize(weights, bits, clip);

        tensor.Scheme.ShouldBe(QuantizationScheme.Robust);
        tensor.Bits.ShouldBe(bits);
        tensor.Offset.ShouldBe(min, 1e-12);
        tensor.Scale.ShouldBe((max - min) / (Math.Pow(2, bits) - 1), 1e-12);
        var decoded = new float[weights.Length];
        tensor.DecodeTo(decoded);
        for (int i = 0; i < weights.Length; i++)
        {
            ((int)tensor.Codes[i]).ShouldBe(codes[i], $"weight {i} = {weights[i]}");
            decoded[i].ShouldBe((float)expected[i], 1e-6 * (max - min), $"weight {i}");
        }
    }

    [Fact]
    public void Codes_are_rounded_not_truncated()
    {
        // Range [0, 1] over 3 steps: 0.26 is 0.78 steps (truncation would give 0), 0.5 is 1.5 steps (half rounds up).
        QuantizedTensor tensor = RobustQuantizer.Quantize([0f, 0.26f, 0.5f, 1f], bits: 2);

        tensor.Codes.ShouldBe(new ushort[] { 0, 1, 2, 3 });
        tensor.Decode(1).ShouldBe(1f / 3, 1e-7);
    }

    [Fact]
    public void The_range_is_the_clipped_tensors_min_and_max_not_symmetric()
    {
        QuantizedTensor tensor = RobustQuantizer.Quantize([-0.2f, 0.1f, 3f, -4f], bits: 8, clip: 1.0);

        tensor.Offset.ShouldBe(-1.0);
        tensor.Scale.ShouldBe(2.0 / 255, 1e-15);
        tensor.Codes[2].ShouldBe((ushort)255);
        tensor.Codes[3].ShouldBe((ushort)0);
        tensor.Decode(2).ShouldBe(1f);
        tensor.Decode(3).ShouldBe(-1f);

        QuantizedTensor unclipped = RobustQuantizer.Quantize([0.25f, 0.5f, 1.25f], bits: 3);
        unclipped.Offset.ShouldBe(0.25);
        unclipped.Scale.ShouldBe(1.0 / 7, 1e-15);
    }

    [Theory]
    [InlineData(0.75f, null)]
    [InlineData(-2f, null)]
    [InlineData(5f, 1.0)] // clipping makes every weight 1
    public void A_constant_tensor_decodes_to_itself_without_dividing_by_zero(float value, double? clip)
    {
        float[] weights = [value, value, clip is null ? value : value + 1];
        float expected = clip is null ? value : (float)clip.Value;

        QuantizedTensor tensor = RobustQuantizer.Quantize(weights, bits: 8, clip);

        tensor.Scale.ShouldBe(0.0);
        tensor.Codes.ShouldAllBe(code => code == 0);
        tensor.Codes[1] = 0xAB; // whatever the memory does, the tensor has no range to move in
        var decoded = new float[weights.Length];
        tensor.DecodeTo(decoded);
        decoded.ShouldAllBe(w => w == expected);
    }

    [Fact]
    public void An_empty_tensor_has_no_codes()
    {
        QuantizedTensor tensor = RobustQuantizer.Quantize([], bits: 4);
        tensor.Codes.ShouldBeEmpty();
        tensor.DecodeTo(Span<float>.Empty);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Clip_must_be_finite_and_positive(double clip)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => RobustQuantizer.Quantize([1f], 8, clip));
        error.ParamName.ShouldBe("clip");
        error.Message.ShouldContain("> 0");
    }

    [Fact]
    public void Invalid_bits_and_weights_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => RobustQuantizer.Quantize([1f], 0)).Message.ShouldContain("[1, 16]");
        Should.Throw<ArgumentOutOfRangeException>(() => RobustQuantizer.Quantize([1f], 17)).ParamName.ShouldBe("bits");
        Should.Throw<ArgumentException>(() => RobustQuantizer.Quantize([1f, float.NaN], 8)).Message.ShouldContain("Weight 1 is NaN");
    }

    /// <summary>Mostly small weights, skewed positive, with a few outliers on both sides.</summary>
    private static float[] Lopsided(Random random, int count)
    {
        float[] weights = RandomWeights.Uniform(random, count, magnitude: 0.3);
        for (int i = 0; i < count; i++)
        {
            weights[i] += 0.1f;
        }

        weights[random.Next(count)] = 1.3f;
        weights[random.Next(count)] = -0.9f;
        return weights;
    }
}
