using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Quantization;
using Test.Faults;

namespace MapDsl.Generated.Tests;

/// <summary>
/// The <c>quantize</c> statements of the shipped and test .xmap files as generated mappings run them: the declared
/// quantizer, the stored codes and what reads back, against <see cref="ReferenceMath"/>.
/// </summary>
public class QuantizerMappingTests
{
    [Fact]
    public void Each_mapping_has_the_quantizer_its_statement_declares()
    {
        var declared = new (IMapping Mapping, Quantizer? Expected)[]
        {
            (Lab.Mlp.Q8.Instance, Quantizer.Symmetric(8)),                   // quantize 8 bit;
            (Test.Evaluation.OffQ.Instance, Quantizer.Symmetric(6)),         // quantize 6 bit;
            (Test.Evaluation.DiffQ.Instance, Quantizer.Symmetric(4, 0.3)),   // quantize 4 bit clip 0.3;
            (Test.Evaluation.TwoColQ.Instance, Quantizer.Robust(5)),         // quantize 5 bit robust;
            (RobustPes.Instance, Quantizer.Robust(6, 0.2)),                  // quantize 6 bit robust clip 0.2;
            (TruncatedPes.Instance, new Quantizer(8, QuantizationRange.Asymmetric, CodeEncoding.Unsigned, CodeRounding.Truncate, 0.1)),
            (Pairs.Instance, null),                                          // not quantized
        };

        foreach (var (mapping, expected) in declared)
        {
            mapping.Quantizer.ShouldBe(expected, mapping.Name);
            mapping.QuantizeBits.ShouldBe(expected?.Bits ?? 0);
        }

        TruncatedPes.Quantizer.ShouldBeSameAs(((IMapping)TruncatedPes.Instance).Quantizer);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Truncated_asymmetric_unsigned_codes_read_back_as_the_quantizers_round_trip(int seed)
    {
        var weights = RandomSmall(seed);

        var state = TruncatedPes.Map(weights);
        var readBack = TruncatedPes.ReadBack(state);

        foreach (var (layer, original, codes) in new[] { ("a", weights.A, state.ACodes!), ("b", weights.B, state.BCodes!) })
        {
            var roundTrip = new float[original.Length];
            TruncatedPes.Quantizer.RoundTrip(original, roundTrip);
            readBack.WeightsOf(layer).ShouldBe(roundTrip, layer);

            // And both are the documented formula: clip 0.1, [min, max], Δ = 1.001 / 127, floor of t + 128.
            var (lo, hi) = ReferenceMath.ClippedRange(original, 0.1);
            for (var i = 0; i < original.Length; i++)
            {
                var code = ReferenceMath.AsymmetricUnsignedCode(original[i], lo, hi, 8, truncate: true);
                ((int)codes.Codes[i]).ShouldBe(code, $"{layer}[{i}] = {original[i]}");
                roundTrip[i].ShouldBe((float)ReferenceMath.AsymmetricUnsignedWeight(code, lo, hi, 8), $"{layer}[{i}]");
            }

            original.Count(w => Math.Abs(w) > 0.1).ShouldBeGreaterThan(0, "the clip is exercised");
            readBack.BiasOf(layer).ShouldBe(weights.BiasOf(layer));
        }
    }

    [Fact]
    public void Quantize_8_bit_stores_version_1s_codes_and_weights_bit_for_bit()
    {
        var weights = ExampleNetworks.Mlp(7);

        var state = Lab.Mlp.Q8.Map(weights);

        foreach (var (original, codes) in new[] { (weights.Hidden, state.HiddenCodes!), (weights.Out, state.OutCodes!) })
        {
            var wMax = ReferenceMath.MaxAbs(original);
            for (var i = 0; i < original.Length; i++)
            {
                var code = (int)Math.Round(original[i] / wMax * 127, MidpointRounding.AwayFromZero);
                var stored = codes.Codes[i] >= 128 ? codes.Codes[i] - 256 : codes.Codes[i];
                stored.ShouldBe(code);
                BitConverter.SingleToInt32Bits(codes.Decode(i)).ShouldBe(BitConverter.SingleToInt32Bits((float)(code * wMax / 127)));
            }
        }
    }

    private static Small.Weights RandomSmall(int seed) => new(
        ReferenceMath.RandomWeights(Small.A.WeightCount, seed), ReferenceMath.RandomWeights(Small.A.BiasCount, seed + 100),
        ReferenceMath.RandomWeights(Small.B.WeightCount, seed + 200), ReferenceMath.RandomWeights(Small.B.BiasCount, seed + 300));
}
