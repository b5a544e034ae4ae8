using MapDsl.Runtime.Quantization;

namespace MapDsl.Runtime.Tests.Quantization;

/// <summary>
/// A tensor whose range is empty (all zeros; all equal under an asymmetric range; everything clipped to one value)
/// stores q = 0 and decodes to its one value whatever the memory does to the codes: nothing divides by zero.
/// </summary>
public sealed class EmptyRangeTests
{
    public static TheoryData<QuantizationRange, CodeEncoding, CodeRounding> EveryChoice()
    {
        var data = new TheoryData<QuantizationRange, CodeEncoding, CodeRounding>();
        foreach (QuantizationRange range in Enum.GetValues<QuantizationRange>())
        {
            foreach (CodeEncoding encoding in Enum.GetValues<CodeEncoding>())
            {
                foreach (CodeRounding rounding in Enum.GetValues<CodeRounding>())
                {
                    data.Add(range, encoding, rounding);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryChoice))]
    public void All_zero_weights_store_q_0_and_decode_to_zero_whatever_the_codes(QuantizationRange range, CodeEncoding encoding, CodeRounding rounding)
    {
        var tensor = new Quantizer(8, range, encoding, rounding).Quantize([0f, 0f, 0f]);

        tensor.Codes.ShouldAllBe(code => code == (encoding == CodeEncoding.Unsigned ? 128 : 0));
        (tensor.Low, tensor.High, tensor.Scale, tensor.MaxMagnitude).ShouldBe((0.0, 0.0, 0.0, 0.0));
        ShouldDecodeToWhateverTheCodes(tensor, 0f);
    }

    [Theory]
    [InlineData(0.75f, null, 0.75f)]
    [InlineData(-2f, null, -2f)]
    [InlineData(5f, 1.0, 1f)] // 5 and 6 both clip to 1
    public void An_asymmetric_tensor_of_one_value_decodes_to_it(float value, double? clip, float expected)
    {
        foreach (CodeEncoding encoding in Enum.GetValues<CodeEncoding>())
        {
            var tensor = new Quantizer(6, QuantizationRange.Asymmetric, encoding, clip: clip).Quantize([value, value, clip is null ? value : value + 1]);

            (tensor.Low, tensor.High, tensor.Scale).ShouldBe(((double)expected, (double)expected, 0.0));
            ShouldDecodeToWhateverTheCodes(tensor, expected);
        }
    }

    [Fact]
    public void A_symmetric_tensor_of_one_nonzero_value_is_not_empty()
    {
        var tensor = Quantizer.Symmetric(6).Quantize([0.75f, 0.75f]);

        (tensor.Low, tensor.High).ShouldBe((-0.75, 0.75));
        tensor.Codes.ShouldAllBe(code => code == 31);
        tensor.Decode(0).ShouldBe(0.75f);
    }

    [Fact]
    public void Clipped_symmetric_zeros_have_the_clip_as_range_so_a_flip_moves_them()
    {
        var tensor = new Quantizer(4, clip: 0.7).Quantize([0f, 0f]);
        tensor.Codes[1] = 0b0010;

        (tensor.Decode(0), tensor.Decode(1)).ShouldBe((0f, (float)(2 * 0.7 / 7)));
    }

    [Fact]
    public void An_empty_tensor_has_no_codes()
    {
        foreach (var quantizer in new[] { Quantizer.Symmetric(4), Quantizer.Robust(4), Quantizer.Robust(4, 0.5) })
        {
            var tensor = quantizer.Quantize([]);

            tensor.Codes.ShouldBeEmpty();
            (tensor.Low, tensor.High).ShouldBe((0.0, 0.0));
            tensor.DecodeTo(Span<float>.Empty);
            quantizer.RoundTrip([], Span<float>.Empty);
        }
    }

    private static void ShouldDecodeToWhateverTheCodes(QuantizedTensor tensor, float value)
    {
        for (int pattern = 0; pattern < 1 << tensor.Bits; pattern++)
        {
            tensor.Codes[1] = (ushort)pattern;
            tensor.Decode(1).ShouldBe(value, $"pattern {pattern}");
            tensor.DecodeFlipped(0, pattern).ShouldBe(value, $"flips {pattern}");
        }
    }
}
