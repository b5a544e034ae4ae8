using MapDsl.Runtime.Quantization;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Quantization;

public sealed class SymmetricCodesTests
{
    [Theory]
    [InlineData(2, 1.0, 51)]
    [InlineData(3, 1.0, 52)]
    [InlineData(4, 1.0, 53)]
    [InlineData(8, 1.0, 54)]
    [InlineData(16, 1.0, 55)]
    [InlineData(6, 0.5, 56)] // w_max below the largest weight: the codes clamp to ±L
    public void Codes_are_the_twos_complement_of_the_reference_code(int bits, double wMaxFraction, int seed)
    {
        float[] weights = RandomWeights.Uniform(new Random(seed), 1000, magnitude: 1.7);
        double wMax = RandomWeights.MaxAbs(weights) * wMaxFraction;

        QuantizedTensor tensor = SymmetricQuantizer.QuantizeToCodes(weights, wMax, bits);

        tensor.Scheme.ShouldBe(QuantizationScheme.Symmetric);
        tensor.Bits.ShouldBe(bits);
        tensor.Offset.ShouldBe(0.0);
        tensor.Scale.ShouldBe(wMax / (Math.Pow(2, bits - 1) - 1), 1e-15);
        tensor.Codes.Length.ShouldBe(weights.Length);
        for (int i = 0; i < weights.Length; i++)
        {
            int expected = ExpectedQuantization.TwosComplement(ExpectedQuantization.SymmetricCode(weights[i], wMax, bits), bits);
            ((int)tensor.Codes[i]).ShouldBe(expected, $"weight {i} = {weights[i]}");
        }
    }

    [Theory]
    [InlineData(2, 61)]
    [InlineData(5, 62)]
    [InlineData(8, 63)]
    [InlineData(16, 64)]
    public void Decoding_equals_Quantize_exactly(int bits, int seed)
    {
        float[] weights = RandomWeights.Uniform(new Random(seed), 2000, magnitude: 0.9);
        double wMax = RandomWeights.MaxAbs(weights) * 0.8;
        float[] quantized = (float[])weights.Clone();
        SymmetricQuantizer.Quantize(quantized, wMax, bits);

        QuantizedTensor tensor = SymmetricQuantizer.QuantizeToCodes(weights, wMax, bits);
        var decoded = new float[weights.Length];
        tensor.DecodeTo(decoded);

        decoded.ShouldBe(quantized);
        for (int i = 0; i < weights.Length; i += 97)
        {
            tensor.Decode(i).ShouldBe(quantized[i]);
        }
    }

    [Theory]
    [InlineData(4, 77)]
    [InlineData(8, 78)]
    public void Round_trip_matches_an_independent_float64_quantization(int bits, int seed)
    {
        float[] weights = RandomWeights.Uniform(new Random(seed), 500, magnitude: 3.0);
        double wMax = RandomWeights.MaxAbs(weights);
        double levels = Math.Pow(2, bits - 1) - 1;

        QuantizedTensor tensor = SymmetricQuantizer.QuantizeToCodes(weights, wMax, bits);

        for (int i = 0; i < weights.Length; i++)
        {
            double expected = ExpectedQuantization.SymmetricCode(weights[i], wMax, bits) * wMax / levels;
            tensor.Decode(i).ShouldBe((float)expected, 1e-6 * wMax, $"weight {i}");
        }
    }

    [Fact]
    public void Negative_codes_are_stored_as_twos_complement_patterns()
    {
        // 4 bits: L = 7, step 1/7.
        QuantizedTensor tensor = SymmetricQuantizer.QuantizeToCodes([-1f, -1f / 7, 0f, 1f / 7, 1f], wMax: 1.0, bits: 4);

        tensor.Codes.ShouldBe(new ushort[] { 0b1001, 0b1111, 0b0000, 0b0001, 0b0111 });
    }

    [Fact]
    public void A_zero_w_max_stores_zero_codes_that_decode_to_zero()
    {
        QuantizedTensor tensor = SymmetricQuantizer.QuantizeToCodes([0.3f, -2f], wMax: 0, bits: 8);

        tensor.Codes.ShouldBe(new ushort[] { 0, 0 });
        tensor.Scale.ShouldBe(0.0);
        tensor.Decode(1).ShouldBe(0f);
    }

    [Fact]
    public void One_bit_cannot_store_the_three_value_grid()
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => SymmetricQuantizer.QuantizeToCodes([0f], 1.0, 1));
        error.ParamName.ShouldBe("bits");
        error.Message.ShouldContain("at least 2 bits");
        Should.Throw<ArgumentOutOfRangeException>(() => SymmetricQuantizer.QuantizeToCodes([0f], 1.0, 17)).Message.ShouldContain("[1, 16]");
        Should.Throw<ArgumentOutOfRangeException>(() => SymmetricQuantizer.QuantizeToCodes([0f], double.NaN, 4)).ParamName.ShouldBe("wMax");
    }
}
