using MapDsl.Runtime.Quantization;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Quantization;

public sealed class SymmetricQuantizerTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 3)]
    [InlineData(4, 7)]
    [InlineData(8, 127)]
    [InlineData(16, 32767)]
    public void Levels_are_the_positive_steps_of_a_signed_word(int bits, int levels)
    {
        SymmetricQuantizer.Levels(bits).ShouldBe(levels);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void Bits_outside_1_to_16_are_rejected(int bits)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => SymmetricQuantizer.Levels(bits));
        error.ParamName.ShouldBe("bits");
        error.Message.ShouldContain("[1, 16]");
    }

    [Theory]
    [InlineData(1, 1.0, 21)]
    [InlineData(2, 1.0, 22)]
    [InlineData(4, 1.0, 23)]
    [InlineData(8, 1.0, 24)]
    [InlineData(16, 1.0, 25)]
    [InlineData(4, 0.6, 26)] // w_max below the largest weight: values beyond it clamp
    public void Quantize_matches_an_independent_calculation(int bits, double wMaxFraction, int seed)
    {
        float[] weights = RandomWeights.Uniform(new Random(seed), 1000, magnitude: 2.5);
        double wMax = RandomWeights.MaxAbs(weights) * wMaxFraction;
        double steps = bits == 1 ? 1 : Math.Pow(2, bits - 1) - 1;
        float[] quantized = (float[])weights.Clone();

        SymmetricQuantizer.Quantize(quantized, wMax, bits);

        for (int i = 0; i < weights.Length; i++)
        {
            double code = Math.Clamp(Math.Round(weights[i] / wMax * steps, MidpointRounding.AwayFromZero), -steps, steps);
            double expected = code * wMax / steps;
            quantized[i].ShouldBe((float)expected, Math.Max(1e-6 * wMax, 1e-6 * Math.Abs(expected)), $"weight {i} = {weights[i]}");
        }
    }

    [Theory]
    [InlineData(0.5f, 1)]   // L = 1: halfway goes away from zero
    [InlineData(-0.5f, -1)]
    [InlineData(0.49f, 0)]
    [InlineData(3.0f, 1)]   // clamped
    [InlineData(-3.0f, -1)]
    public void Encode_rounds_halfway_away_from_zero_and_clamps(float w, int code)
    {
        SymmetricQuantizer.Encode(w, wMax: 1.0, bits: 2).ShouldBe(code);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void Every_code_survives_decode_then_encode(int bits)
    {
        int levels = SymmetricQuantizer.Levels(bits);
        for (int code = -levels; code <= levels; code++)
        {
            float w = SymmetricQuantizer.Decode(code, 0.37, bits);
            w.ShouldBe((float)(code * 0.37 / levels), 1e-7);
            SymmetricQuantizer.Encode(w, 0.37, bits).ShouldBe(code);
        }
    }

    [Fact]
    public void Decode_of_encode_equals_quantize()
    {
        float[] weights = RandomWeights.Uniform(new Random(31), 300, magnitude: 1.0);
        double wMax = RandomWeights.MaxAbs(weights);
        float[] quantized = (float[])weights.Clone();
        SymmetricQuantizer.Quantize(quantized, wMax, 6);

        for (int i = 0; i < weights.Length; i++)
        {
            SymmetricQuantizer.Decode(SymmetricQuantizer.Encode(weights[i], wMax, 6), wMax, 6).ShouldBe(quantized[i]);
        }
    }

    [Fact]
    public void A_zero_w_max_makes_everything_zero()
    {
        float[] weights = [0.3f, -2f, 0f];
        SymmetricQuantizer.Quantize(weights, 0, 8);
        weights.ShouldBe([0f, 0f, 0f]);
        SymmetricQuantizer.Encode(5f, 0, 8).ShouldBe(0);
        SymmetricQuantizer.Decode(127, 0, 8).ShouldBe(0f);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => SymmetricQuantizer.Decode(8, 1.0, 4)).Message.ShouldContain("[-7, 7]");
        Should.Throw<ArgumentOutOfRangeException>(() => SymmetricQuantizer.Encode(1f, -1.0, 4)).ParamName.ShouldBe("wMax");
        Should.Throw<ArgumentOutOfRangeException>(() => SymmetricQuantizer.Quantize(new float[1], double.NaN, 4)).ParamName.ShouldBe("wMax");
    }
}
