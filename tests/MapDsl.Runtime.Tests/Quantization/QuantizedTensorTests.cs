using MapDsl.Runtime.Quantization;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Quantization;

public sealed class QuantizedTensorTests
{
    [Fact]
    public void DecodeAt_writes_only_the_listed_weights()
    {
        float[] weights = RandomWeights.Uniform(new Random(91), 50, magnitude: 1.0);
        QuantizedTensor tensor = Quantizer.Robust(6).Quantize(weights);
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
        QuantizedTensor tensor = Quantizer.Robust(4).Quantize([0f, 1f, 2f]);
        var decoded = new float[3];
        Array.Fill(decoded, float.NaN);

        var error = Should.Throw<ArgumentOutOfRangeException>(() => tensor.DecodeAt([0, 3], decoded));

        error.Message.ShouldContain("[0, 3)");
        decoded.ShouldAllBe(w => float.IsNaN(w));
    }

    [Fact]
    public void Destinations_must_match_the_tensor_length()
    {
        QuantizedTensor tensor = Quantizer.Symmetric(4).Quantize([0f, 1f, 2f]);

        Should.Throw<ArgumentException>(() => tensor.DecodeTo(new float[2])).Message.ShouldContain("holds 2 weights, the tensor 3");
        Should.Throw<ArgumentException>(() => tensor.DecodeAt([0], new float[4])).ParamName.ShouldBe("weights");
        Should.Throw<ArgumentOutOfRangeException>(() => tensor.Decode(-1)).ParamName.ShouldBe("index");
    }

    [Theory]
    [InlineData(QuantizationRange.Symmetric, CodeEncoding.Signed)]
    [InlineData(QuantizationRange.Asymmetric, CodeEncoding.Unsigned)]
    [InlineData(QuantizationRange.Asymmetric, CodeEncoding.Signed)]
    public void DecodeFlipped_reads_the_flipped_pattern_and_leaves_the_codes_alone(QuantizationRange range, CodeEncoding encoding)
    {
        float[] weights = RandomWeights.Uniform(new Random(93), 40, magnitude: 1.0);
        QuantizedTensor tensor = new Quantizer(5, range, encoding).Quantize(weights);
        ushort[] codes = (ushort[])tensor.Codes.Clone();

        foreach (int mask in new[] { 0, 0b1, 0b10100, 0b11111, 0b1_0000_0000 }) // bits above the word are not stored
        {
            float flipped = tensor.DecodeFlipped(7, mask);

            tensor.Codes[7] = (ushort)(codes[7] ^ (mask & 0b11111));
            flipped.ShouldBe(tensor.Decode(7), $"mask {mask}");
            tensor.Codes[7] = codes[7];
        }

        tensor.Codes.ShouldBe(codes);
        Should.Throw<ArgumentOutOfRangeException>(() => tensor.DecodeFlipped(40, 1)).ParamName.ShouldBe("index");
    }
}
