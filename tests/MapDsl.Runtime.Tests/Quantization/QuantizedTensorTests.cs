using MapDsl.Runtime.Quantization;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Quantization;

public sealed class QuantizedTensorTests
{
    [Fact]
    public void DecodeAt_writes_only_the_listed_weights()
    {
        float[] weights = RandomWeights.Uniform(new Random(91), 50, magnitude: 1.0);
        QuantizedTensor tensor = RobustQuantizer.Quantize(weights, bits: 6);
        var decoded = new float[weights.Length];
        Array.Fill(decoded, float.NaN);

        tensor.DecodeAt([3, 17, 3, 49], decoded);

        for (int i = 0; i < decoded.Length; i++)
        {
            if (i is 3 or 17 or 49)
            {
                decoded[i].ShouldBe(tensor.Decode(i));
            }
            else
            {
                float.IsNaN(decoded[i]).ShouldBeTrue($"weight {i} was not listed but was written");
            }
        }
    }

    [Fact]
    public void A_bad_index_in_DecodeAt_writes_nothing()
    {
        QuantizedTensor tensor = RobustQuantizer.Quantize([0f, 1f, 2f], bits: 4);
        var decoded = new float[3];
        Array.Fill(decoded, float.NaN);

        var error = Should.Throw<ArgumentOutOfRangeException>(() => tensor.DecodeAt([0, 3], decoded));

        error.Message.ShouldContain("[0, 3)");
        decoded.ShouldAllBe(w => float.IsNaN(w));
    }

    [Fact]
    public void Destinations_must_match_the_tensor_length()
    {
        QuantizedTensor tensor = SymmetricQuantizer.QuantizeToCodes([0f, 1f, 2f], 2.0, bits: 4);

        Should.Throw<ArgumentException>(() => tensor.DecodeTo(new float[2])).Message.ShouldContain("holds 2 weights, the tensor 3");
        Should.Throw<ArgumentException>(() => tensor.DecodeAt([0], new float[4])).ParamName.ShouldBe("weights");
        Should.Throw<ArgumentOutOfRangeException>(() => tensor.Decode(-1)).ParamName.ShouldBe("index");
    }

    [Fact]
    public void The_most_negative_symmetric_pattern_decodes_one_step_beyond_minus_w_max()
    {
        // A flip can produce 1000 (-8), which the quantizer never writes; the memory reads it as -8 steps.
        QuantizedTensor tensor = SymmetricQuantizer.QuantizeToCodes([0f], wMax: 7.0, bits: 4);
        tensor.Codes[0] = 0b1000;

        tensor.Decode(0).ShouldBe(-8f);
    }
}
