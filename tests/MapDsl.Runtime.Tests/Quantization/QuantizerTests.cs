using MapDsl.Runtime.Quantization;

namespace MapDsl.Runtime.Tests.Quantization;

/// <summary>The settings of a <see cref="Quantizer"/>: what is accepted, the two named variants, and how it is spelled.</summary>
public sealed class QuantizerTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 3)]
    [InlineData(4, 7)]
    [InlineData(8, 127)]
    [InlineData(16, 32767)]
    public void Levels_are_the_largest_q_of_a_signed_word(int bits, int levels)
    {
        new Quantizer(bits).Levels.ShouldBe(levels);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)] // one bit holds the sign or the offset and no magnitude, for every variant
    [InlineData(17)]
    public void Bits_outside_2_to_16_are_rejected_for_every_variant(int bits)
    {
        foreach (QuantizationRange range in Enum.GetValues<QuantizationRange>())
        {
            foreach (CodeEncoding encoding in Enum.GetValues<CodeEncoding>())
            {
                var error = Should.Throw<ArgumentOutOfRangeException>(() => new Quantizer(bits, range, encoding));
                error.ParamName.ShouldBe("bits");
                error.Message.ShouldContain($"Codes need 2 to 16 bits (a sign or offset and a magnitude), got {bits}.");
            }
        }

        Should.Throw<ArgumentOutOfRangeException>(() => Quantizer.Robust(bits)).ParamName.ShouldBe("bits");
        Should.Throw<ArgumentOutOfRangeException>(() => Quantizer.Symmetric(bits)).ParamName.ShouldBe("bits");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_clip_must_be_finite_and_positive(double clip)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => new Quantizer(8, clip: clip));
        error.ParamName.ShouldBe("clip");
        error.Message.ShouldContain("> 0");
        Should.Throw<ArgumentOutOfRangeException>(() => Quantizer.Robust(8, clip)).ParamName.ShouldBe("clip");
    }

    [Fact]
    public void Undefined_choices_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new Quantizer(8, (QuantizationRange)2)).ParamName.ShouldBe("range");
        Should.Throw<ArgumentOutOfRangeException>(() => new Quantizer(8, encoding: (CodeEncoding)(-1))).ParamName.ShouldBe("encoding");
        Should.Throw<ArgumentOutOfRangeException>(() => new Quantizer(8, rounding: (CodeRounding)7)).ParamName.ShouldBe("rounding");
    }

    [Fact]
    public void The_defaults_are_version_1s_symmetric_signed_rounded_codes()
    {
        var quantizer = new Quantizer(8);

        (quantizer.Range, quantizer.Encoding, quantizer.Rounding, quantizer.Clip)
            .ShouldBe((QuantizationRange.Symmetric, CodeEncoding.Signed, CodeRounding.Nearest, (double?)null));
        Quantizer.Symmetric(8).ShouldBe(quantizer);
        Quantizer.Symmetric(4, 0.3).ShouldBe(new Quantizer(4, clip: 0.3));
    }

    [Fact]
    public void Robust_is_asymmetric_unsigned_rounded_codes()
    {
        Quantizer.Robust(6, 0.2).ShouldBe(new Quantizer(6, QuantizationRange.Asymmetric, CodeEncoding.Unsigned, CodeRounding.Nearest, 0.2));
        Quantizer.Robust(6).Clip.ShouldBeNull();
        Quantizer.Robust(6).ShouldNotBe(Quantizer.Robust(6, 0.2));
        Quantizer.Robust(6).ShouldNotBe(new Quantizer(6, QuantizationRange.Asymmetric, CodeEncoding.Unsigned, CodeRounding.Truncate));
    }

    [Theory]
    [InlineData(8, QuantizationRange.Symmetric, CodeEncoding.Signed, CodeRounding.Nearest, null, "8 bit symmetric")]
    [InlineData(4, QuantizationRange.Symmetric, CodeEncoding.Signed, CodeRounding.Nearest, 0.3, "4 bit symmetric clip 0.3")]
    [InlineData(6, QuantizationRange.Asymmetric, CodeEncoding.Unsigned, CodeRounding.Nearest, 0.2, "6 bit robust clip 0.2")]
    [InlineData(8, QuantizationRange.Asymmetric, CodeEncoding.Unsigned, CodeRounding.Truncate, 0.1, "8 bit asymmetric unsigned truncate clip 0.1")]
    [InlineData(5, QuantizationRange.Asymmetric, CodeEncoding.Signed, CodeRounding.Nearest, null, "5 bit asymmetric")]
    [InlineData(16, QuantizationRange.Symmetric, CodeEncoding.Unsigned, CodeRounding.Truncate, null, "16 bit symmetric unsigned truncate")]
    [InlineData(2, QuantizationRange.Symmetric, CodeEncoding.Signed, CodeRounding.Truncate, 1.5, "2 bit symmetric truncate clip 1.5")]
    public void Spelling_is_the_shortest_statement_of_the_language(int bits, QuantizationRange range, CodeEncoding encoding, CodeRounding rounding, double? clip, string spelling)
    {
        var quantizer = new Quantizer(bits, range, encoding, rounding, clip);

        quantizer.Spelling().ShouldBe(spelling);
        quantizer.ToString().ShouldBe("quantize " + spelling);
    }

    [Fact]
    public void Non_finite_weights_are_rejected_with_their_index()
    {
        var quantizer = Quantizer.Robust(8, clip: 1.0); // clipping would hide an infinity: it is rejected first
        Should.Throw<ArgumentException>(() => quantizer.Quantize([1f, float.NaN])).Message.ShouldContain("Weight 1 is NaN");
        Should.Throw<ArgumentException>(() => quantizer.Quantize([float.NegativeInfinity])).Message.ShouldContain("Weight 0 is -Infinity");
        Should.Throw<ArgumentException>(() => Quantizer.Symmetric(8).RoundTrip([0f, 0f, float.PositiveInfinity], new float[3])).ParamName.ShouldBe("weights");
    }

    [Fact]
    public void RoundTrip_needs_a_destination_of_the_same_length()
    {
        var error = Should.Throw<ArgumentException>(() => Quantizer.Symmetric(8).RoundTrip([1f, 2f], new float[3]));

        error.ParamName.ShouldBe("decoded");
        error.Message.ShouldContain("Destination holds 3 weights, the source 2.");
    }

    [Fact]
    public void RoundTrip_may_write_over_its_source()
    {
        float[] weights = [0.3f, -1f, 0.05f, 0.7f];
        var tensor = Quantizer.Robust(4).Quantize(weights);
        var expected = new float[weights.Length];
        tensor.DecodeTo(expected);

        Quantizer.Robust(4).RoundTrip(weights, weights);

        weights.ShouldBe(expected);
    }
}
