using MapDsl.Runtime.Quantization;

namespace MapDsl.Runtime.Tests.Quantization;

/// <summary>
/// The codes at the ends of the grid, worked out by hand from the documented formula: L = 2^(m−1) − 1, symmetric
/// t = w / R · L, asymmetric t = (2 (w − lo) / (hi − lo) − 1) / Δ with Δ = 1.001 / L.
/// </summary>
public sealed class QuantizerEdgeCodeTests
{
    [Fact]
    public void Symmetric_signed_codes_are_twos_complement_patterns_of_q()
    {
        // 4 bits: L = 7; R = 1, so q = 7 w.
        var tensor = Quantizer.Symmetric(4).Quantize([-1f, -1f / 7, 0f, 1f / 7, 1f]);

        tensor.Codes.ShouldBe(new ushort[] { 0b1001, 0b1111, 0b0000, 0b0001, 0b0111 });
        (tensor.Low, tensor.High, tensor.Scale).ShouldBe((-1.0, 1.0, 1.0 / 7));
    }

    [Fact]
    public void Symmetric_unsigned_codes_are_q_plus_2_to_the_m_minus_1_and_R_is_the_top_code()
    {
        var tensor = new Quantizer(4, encoding: CodeEncoding.Unsigned).Quantize([-1f, -1f / 7, 0f, 1f / 7, 1f]);

        tensor.Codes.ShouldBe(new ushort[] { 1, 7, 8, 9, 15 }); // 15 = 2^m − 1: the clamp's edge is reached, never passed
        tensor.Decode(0).ShouldBe(-1f);
        tensor.Decode(4).ShouldBe(1f);
    }

    [Theory]
    [InlineData(CodeEncoding.Signed, 0b1000)]
    [InlineData(CodeEncoding.Unsigned, 0b0000)]
    public void The_pattern_of_q_minus_2_to_the_m_minus_1_decodes_one_step_beyond_minus_R(CodeEncoding encoding, int pattern)
    {
        // A flip can produce q = −8, which the quantizer never writes; a symmetric tensor reads it as −8 steps, unclamped.
        var tensor = new Quantizer(4, encoding: encoding, clip: 7.0).Quantize([0f]);
        tensor.Codes[0] = (ushort)pattern;

        tensor.Decode(0).ShouldBe(-8f);
    }

    [Theory]
    [InlineData(CodeEncoding.Signed, 0b0111, 0b1001)]
    [InlineData(CodeEncoding.Unsigned, 15, 1)]
    public void Symmetric_weights_beyond_the_clip_take_the_extreme_codes(CodeEncoding encoding, int top, int bottom)
    {
        var tensor = new Quantizer(4, encoding: encoding, clip: 0.5).Quantize([3f, -3f, 0.25f]);

        tensor.Codes.ShouldBe(new ushort[] { (ushort)top, (ushort)bottom, (ushort)(encoding == CodeEncoding.Signed ? 4 : 12) }); // 0.25 / 0.5 · 7 = 3.5 → 4
        (tensor.Decode(0), tensor.Decode(1)).ShouldBe((0.5f, -0.5f));
    }

    [Fact]
    public void A_symmetric_clip_is_R_even_when_every_weight_is_smaller()
    {
        var tensor = new Quantizer(8, clip: 2.0).Quantize([0.5f, -1f]);

        (tensor.Low, tensor.High).ShouldBe((-2.0, 2.0));
        tensor.Codes[0].ShouldBe((ushort)32); // 0.5 / 2 · 127 = 31.75
    }

    // 8 bits, lo = −0.5, hi = 1.5: t(lo) = −127 / 1.001 = −126.873, t(hi) = 126.873.
    // Signed: round → ∓127 (patterns 129, 127), truncate → ∓126 (130, 126).
    // Unsigned: 128 ∓ 126.873 = 1.127 and 254.873: round → 1 and 255, floor → 1 and 254.
    [Theory]
    [InlineData(CodeEncoding.Signed, CodeRounding.Nearest, 129, 127)]
    [InlineData(CodeEncoding.Signed, CodeRounding.Truncate, 130, 126)]
    [InlineData(CodeEncoding.Unsigned, CodeRounding.Nearest, 1, 255)]
    [InlineData(CodeEncoding.Unsigned, CodeRounding.Truncate, 1, 254)]
    public void Asymmetric_codes_of_the_smallest_and_largest_weight(CodeEncoding encoding, CodeRounding rounding, int lowest, int highest)
    {
        var tensor = new Quantizer(8, QuantizationRange.Asymmetric, encoding, rounding).Quantize([-0.5f, 0.25f, 1.5f]);

        (tensor.Low, tensor.High).ShouldBe((-0.5, 1.5));
        (tensor.Codes[0], tensor.Codes[2]).ShouldBe(((ushort)lowest, (ushort)highest));

        // |q| = 127 is x = ±1.001, clamped to ±1: exactly lo or hi. |q| = 126 is x = ±126 · 1.001 / 127 = ±0.99312.
        double x126 = 126 * (1.001 / 127);
        float Weight(double x) => (float)(((x + 1) / 2 * 2.0) - 0.5);
        tensor.Decode(0).ShouldBe(encoding == CodeEncoding.Signed && rounding == CodeRounding.Truncate ? Weight(-x126) : -0.5f);
        tensor.Decode(2).ShouldBe(rounding == CodeRounding.Truncate ? Weight(x126) : 1.5f);
    }

    [Theory]
    [InlineData(CodeEncoding.Signed, 0b1000_0000)]
    [InlineData(CodeEncoding.Unsigned, 0)]
    public void The_lowest_asymmetric_pattern_decodes_to_lo_not_beyond(CodeEncoding encoding, int pattern)
    {
        var tensor = new Quantizer(8, QuantizationRange.Asymmetric, encoding).Quantize([-0.5f, 0.25f, 1.5f]);
        tensor.Codes[1] = (ushort)pattern;

        tensor.Decode(1).ShouldBe(-0.5f);
    }

    [Fact]
    public void Sixteen_bit_asymmetric_unsigned_codes_use_34_to_65502_and_every_other_pattern_reads_as_lo_or_hi()
    {
        // L = 32767: t(lo) = −32734.27, stored 33.73 → 34; t(hi) → 65502.27 → 65502. q = −32735 is x = −1.00002 (clamped),
        // q = −32734 is x = −0.999992 (inside).
        var tensor = Quantizer.Robust(16).Quantize([-1f, 0f, 1f]);
        (tensor.Codes[0], tensor.Codes[2]).ShouldBe(((ushort)34, (ushort)65502));

        foreach (int pattern in new[] { 0, 1, 33, 65503, 65535 })
        {
            tensor.Codes[1] = (ushort)pattern;
            tensor.Decode(1).ShouldBe(pattern < 32768 ? -1f : 1f, $"pattern {pattern}");
        }

        tensor.Codes[1] = 34;
        tensor.Decode(1).ShouldBe((float)((((-32734 * (1.001 / 32767)) + 1) / 2 * 2) - 1));
        tensor.Decode(1).ShouldBeGreaterThan(-1f);
    }

    [Fact]
    public void Asymmetric_weights_are_clipped_before_the_range_is_taken()
    {
        var tensor = Quantizer.Robust(8, clip: 1.0).Quantize([-0.2f, 0.1f, 3f, -4f]);

        (tensor.Low, tensor.High, tensor.MaxMagnitude).ShouldBe((-1.0, 1.0, 1.0));
        (tensor.Codes[2], tensor.Codes[3]).ShouldBe(((ushort)255, (ushort)1));
        (tensor.Decode(2), tensor.Decode(3)).ShouldBe((1f, -1f));
    }

    // Two bits, R = 1: t = w exactly, so the halves are exact. Signed codes round q away from zero or truncate it toward
    // zero; unsigned codes round or floor the stored number q + 2, so −0.5 becomes q = 0 (2.5 → 3 is q = 1 above zero,
    // but 1.5 → 2 is q = 0) and truncation moves negative weights down.
    [Theory]
    [InlineData(CodeEncoding.Signed, CodeRounding.Nearest, new[] { 1, -1, 0, 0, 1, -1 })]
    [InlineData(CodeEncoding.Signed, CodeRounding.Truncate, new[] { 0, 0, 0, 0, 1, -1 })]
    [InlineData(CodeEncoding.Unsigned, CodeRounding.Nearest, new[] { 1, 0, 0, 0, 1, -1 })]
    [InlineData(CodeEncoding.Unsigned, CodeRounding.Truncate, new[] { 0, -1, 0, -1, 1, -1 })]
    public void Halves_and_fractions_of_a_step(CodeEncoding encoding, CodeRounding rounding, int[] q)
    {
        float[] weights = [0.5f, -0.5f, 0.49f, -0.49f, 1f, -1f];

        var tensor = new Quantizer(2, QuantizationRange.Symmetric, encoding, rounding).Quantize(weights);

        var values = tensor.Codes.Select(code => encoding == CodeEncoding.Unsigned ? code - 2 : (code >= 2 ? code - 4 : code));
        values.ShouldBe(q);
        Enumerable.Range(0, weights.Length).Select(i => tensor.Decode(i)).ShouldBe(q.Select(v => (float)v));
    }
}
