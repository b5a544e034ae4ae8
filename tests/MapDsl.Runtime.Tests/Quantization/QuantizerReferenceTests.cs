using CsCheck;
using MapDsl.Runtime.Quantization;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Quantization;

/// <summary>
/// Every variant of <see cref="Quantizer"/> (symmetric or asymmetric range, signed or unsigned codes, rounding or
/// truncation, with and without a clip) against the independent float64 reference <see cref="ExpectedQuantization"/>:
/// the range, every stored pattern, every decoded weight and every flipped pattern's weight.
/// </summary>
public sealed class QuantizerReferenceTests
{
    public static TheoryData<QuantizationRange, CodeEncoding, CodeRounding, int, double?> EveryVariant()
    {
        var data = new TheoryData<QuantizationRange, CodeEncoding, CodeRounding, int, double?>();
        foreach (QuantizationRange range in Enum.GetValues<QuantizationRange>())
        {
            foreach (CodeEncoding encoding in Enum.GetValues<CodeEncoding>())
            {
                foreach (CodeRounding rounding in Enum.GetValues<CodeRounding>())
                {
                    foreach (int bits in new[] { 2, 4, 8, 16 })
                    {
                        data.Add(range, encoding, rounding, bits, null);
                        data.Add(range, encoding, rounding, bits, 0.5); // cuts both tails of the tensor below
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryVariant))]
    public void Codes_and_weights_equal_the_reference(QuantizationRange range, CodeEncoding encoding, CodeRounding rounding, int bits, double? clip)
    {
        var quantizer = new Quantizer(bits, range, encoding, rounding, clip);
        var expected = ExpectedQuantization.Of(quantizer);
        float[] weights = Lopsided(new Random(bits * 8 + (int)range * 4 + (int)encoding * 2 + (int)rounding), 1500);
        (double lo, double hi) = expected.RangeOf(weights);

        QuantizedTensor tensor = quantizer.Quantize(weights);

        (tensor.Low, tensor.High).ShouldBe((lo, hi));
        tensor.Quantizer.ShouldBe(quantizer);
        tensor.Bits.ShouldBe(bits);
        tensor.MaxMagnitude.ShouldBe(Math.Max(-lo, hi));
        tensor.Scale.ShouldBe(range == QuantizationRange.Symmetric ? hi / expected.Levels : expected.Delta * (hi - lo) / 2, 1e-15);
        var decoded = new float[weights.Length];
        tensor.DecodeTo(decoded);
        var roundTrip = new float[weights.Length];
        quantizer.RoundTrip(weights, roundTrip);
        for (int i = 0; i < weights.Length; i++)
        {
            int code = expected.Code(weights[i], lo, hi);
            ((int)tensor.Codes[i]).ShouldBe(code, $"weight {i} = {weights[i]}");
            decoded[i].ShouldBe((float)expected.Weight(code, lo, hi), $"weight {i} = {weights[i]}");
            roundTrip[i].ShouldBe(decoded[i]);
        }
    }

    [Theory]
    [MemberData(nameof(EveryVariant))]
    public void Codes_hold_m_bits_and_q_stays_within_plus_minus_L(QuantizationRange range, CodeEncoding encoding, CodeRounding rounding, int bits, double? clip)
    {
        var quantizer = new Quantizer(bits, range, encoding, rounding, clip);
        var expected = ExpectedQuantization.Of(quantizer);

        ushort[] codes = quantizer.Quantize(Lopsided(new Random(bits), 1500)).Codes;

        codes.ShouldAllBe(code => code <= expected.Top);
        codes.Select(code => expected.ValueOf(code)).ShouldAllBe(q => q >= -expected.Levels && q <= expected.Levels);
    }

    [Fact]
    public void Random_tensors_of_every_variant_equal_the_reference_also_after_bit_flips()
    {
        var weights = Gen.OneOf(
            Gen.Float[-4f, 4f].Array[0, 40],
            Gen.Int[-6, 6].Select(k => k * 0.125f).Array[1, 12]); // few distinct values on a grid: ties, halves, empty ranges
        var variants = Gen.Select(
            Gen.Int[Quantizer.MinBits, Quantizer.MaxBits],
            Gen.Enum<QuantizationRange>(),
            Gen.Enum<CodeEncoding>(),
            Gen.Enum<CodeRounding>(),
            Gen.Bool,
            Gen.Double[0.05, 5.0],
            (bits, range, encoding, rounding, clipped, clip) => new Quantizer(bits, range, encoding, rounding, clipped ? clip : null));

        Gen.Select(weights, variants, Gen.Int[0, ushort.MaxValue]).Sample((weights, quantizer, flips) =>
        {
            var expected = ExpectedQuantization.Of(quantizer);
            (double lo, double hi) = expected.RangeOf(weights);
            QuantizedTensor tensor = quantizer.Quantize(weights);
            (tensor.Low, tensor.High).ShouldBe((lo, hi));
            for (int i = 0; i < weights.Length; i++)
            {
                int code = expected.Code(weights[i], lo, hi);
                ((int)tensor.Codes[i]).ShouldBe(code);
                tensor.Decode(i).ShouldBe((float)expected.Weight(code, lo, hi));
                tensor.DecodeFlipped(i, flips).ShouldBe((float)expected.Weight(code ^ flips, lo, hi));
            }
        }, iter: 3000);
    }

    /// <summary>Mostly small weights, skewed positive, with one outlier on each side (1.3 and −0.9) and exact zeros.</summary>
    private static float[] Lopsided(Random random, int count)
    {
        float[] weights = RandomWeights.Uniform(random, count, magnitude: 0.3);
        for (int i = 0; i < count; i++)
        {
            weights[i] += 0.1f;
        }

        weights[random.Next(count)] = 1.3f;
        weights[random.Next(count)] = -0.9f;
        weights[random.Next(count)] = 0f;
        return weights;
    }
}
