using MapDsl.Runtime.Quantization;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Quantization;

/// <summary>
/// <c>quantize m bit;</c> is version 1's quantizer to the bit: committed results (the MLP's bit-error campaigns) were
/// computed with code = round(w / max|w| · L) (halves away from zero) and weight = code · max|w| / L in float64, cast
/// to float. Written out here as version 1 had it, not through <see cref="ExpectedQuantization"/>.
/// </summary>
public sealed class Version1GridTests
{
    [Theory]
    [InlineData(8, null, 1)]
    [InlineData(8, null, 2)]
    [InlineData(8, null, 3)]
    [InlineData(6, null, 4)]  // evaluation.xmap's OffQ
    [InlineData(4, 0.3, 5)]   // evaluation.xmap's DiffQ: R is the clip
    public void Codes_and_weights_are_version_1s_bit_for_bit(int bits, double? clip, int seed)
    {
        float[] weights = RandomWeights.Uniform(new Random(seed), 5000, magnitude: 0.8);
        weights[0] = 0.8f;     // the largest |w| (beyond the clip, when there is one)
        weights[seed] = -0.4f; // half of it: −L / 2 steps, a tie (L is odd) that rounds away from zero when not clipped
        double wMax = clip ?? RandomWeights.MaxAbs(weights);
        int levels = (1 << (bits - 1)) - 1;
        var quantizer = clip is double c ? Quantizer.Symmetric(bits, c) : Quantizer.Symmetric(bits);

        QuantizedTensor tensor = quantizer.Quantize(weights);
        var roundTrip = new float[weights.Length];
        quantizer.RoundTrip(weights, roundTrip);

        for (int i = 0; i < weights.Length; i++)
        {
            double position = weights[i] / wMax * levels;
            int code = (int)Math.Round(Math.Clamp(position, -levels, levels), MidpointRounding.AwayFromZero);
            float weight = (float)(code * wMax / levels);
            ExpectedQuantization.SignedValue(tensor.Codes[i], bits).ShouldBe(code, $"weight {i} = {weights[i]}");
            BitConverter.SingleToInt32Bits(tensor.Decode(i)).ShouldBe(BitConverter.SingleToInt32Bits(weight), $"weight {i} = {weights[i]}");
            BitConverter.SingleToInt32Bits(roundTrip[i]).ShouldBe(BitConverter.SingleToInt32Bits(weight));
        }
    }

    [Fact]
    public void The_largest_weight_is_code_L_and_reads_back_exactly()
    {
        float[] weights = [0.1f, -0.6f, 0.3f];

        QuantizedTensor tensor = Quantizer.Symmetric(8).Quantize(weights);

        ExpectedQuantization.SignedValue(tensor.Codes[1], 8).ShouldBe(-127);
        tensor.Decode(1).ShouldBe(-0.6f);
        tensor.MaxMagnitude.ShouldBe((double)-weights[1]);
    }
}
