using MapDsl.Runtime.BitErrors;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Faults.Files;
using MapDsl.Runtime.Quantization;
using Test.BitErrors;

namespace MapDsl.Generated.Tests.BitErrors;

/// <summary>
/// <c>quantize ... biases</c>: the biases are stored as codes after the weight codes (code index weights + b is bias
/// b), each tensor with its own range; the chip computes with what they decode to; bit errors hit them; fault map
/// files carry the bias count; training quantizes them too.
/// </summary>
public class BiasCodesTests
{
    private static readonly Tiny.Weights Weights = HeInitialization.Draw<Tiny.Weights>(new Random(21));

    static BiasCodesTests()
    {
        // He initialisation leaves biases at 0; give them values so that their range is not empty.
        var random = new Random(22);
        foreach (var layer in Tiny.WeightedLayerNames)
        {
            var biases = Weights.BiasOf(layer);
            for (int i = 0; i < biases.Length; i++)
            {
                biases[i] = (float)(random.NextDouble() - 0.5);
            }
        }
    }

    [Fact]
    public void The_chip_computes_with_the_decoded_bias_codes_and_the_shape_counts_them()
    {
        IMapping<Tiny.Weights> mapping = RqBiases.Instance;
        var readBack = mapping.ReadBack(mapping.Map(Weights));

        foreach (var layer in Tiny.WeightedLayerNames)
        {
            var expected = new float[Weights.BiasOf(layer).Length];
            RqBiases.Quantizer.RoundTrip(Weights.BiasOf(layer), expected);
            readBack.BiasOf(layer).ShouldBe(expected);
            readBack.BiasOf(layer).ShouldNotBe(Weights.BiasOf(layer), "8-bit codes change the biases a little");
        }

        RqBiases.Shape.Layers.Select(l => (l.Layer, l.WeightCount, l.BiasCount, l.BitCount)).ShouldBe([("c", 27, 3, 30L * 8), ("d", 135, 5, 140L * 8)]);
        Rq.Shape.Layers.Select(l => l.BiasCount).ShouldBe([0, 0]);
        mapping.QuantizesBiases.ShouldBeTrue();
        ((IMapping)Rq.Instance).QuantizesBiases.ShouldBeFalse();
    }

    [Fact]
    public void A_flip_past_the_weights_hits_a_bias_code_and_only_that_bias()
    {
        IMapping<Tiny.Weights> mapping = RqBiases.Instance;
        var clean = mapping.ReadBack(mapping.Map(Weights));
        var faults = new FaultMap(RqBiases.Shape.Mapping, null, null, [new LayerFaults("c"), new LayerFaults("d", [], [new BitFlipAt(135 + 2, 7)])], []);

        var chip = mapping.CreateChip();
        mapping.Inject(chip, faults);
        mapping.Map(Weights, chip);
        var faulty = mapping.ReadBack(chip);

        var codes = RqBiases.Quantizer.Quantize(Weights.BiasOf("d"));
        faulty.BiasOf("d")[2].ShouldBe(codes.DecodeFlipped(2, 1 << 7));
        faulty.BiasOf("d")[2].ShouldNotBe(clean.BiasOf("d")[2]);
        faulty.BiasOf("d").Where((_, i) => i != 2).ShouldBe(clean.BiasOf("d").Where((_, i) => i != 2));
        faulty.WeightsOf("d").ShouldBe(clean.WeightsOf("d"));
        faulty.BiasOf("c").ShouldBe(clean.BiasOf("c"));

        // Injected after mapping, the same flip gives the same chip.
        var late = mapping.Map(Weights);
        mapping.Inject(late, faults);
        mapping.ReadBack(late).BiasOf("d").ShouldBe(faulty.BiasOf("d"));
    }

    [Fact]
    public void Fault_map_files_carry_the_bias_codes_and_refuse_a_flip_beyond_them()
    {
        var map = RqBiases.SampleFaults(FaultRates.None with { BitFlip = 0.1 }, 4);
        map.Layers.SelectMany(l => l.BitFlips).ShouldContain(f => f.Weight >= 27, "a rate of 10% flips bias codes too");

        string text = FaultMapFile.ToText(map, RqBiases.Shape);
        text.Split('\n').ShouldContain($"layer c tiles {RqBiases.Shape.Layers[0].TileCount} weights 27 bits 8 biases 3");
        var loaded = FaultMapFile.Load(new StringReader(text), RqBiases.Shape);
        loaded.Layers.SelectMany(l => l.BitFlips).ShouldBe(map.Layers.SelectMany(l => l.BitFlips));

        var outside = new FaultMap(RqBiases.Shape.Mapping, null, null, [new LayerFaults("c", [], [new BitFlipAt(30, 0)]), new LayerFaults("d")], []);
        outside.Matches(RqBiases.Shape, out var problem).ShouldBeFalse();
        problem.ShouldContain("outside the layer's 30 codes (27 weights, then 3 biases");
    }

    [Fact]
    public void Training_quantizes_the_biases_of_the_forward_pass_too()
    {
        var options = new TrainingOptions(1, 0.1f, Momentum: 0f, BatchSize: 64, Seed: 4);
        var train = QuantizedTrainingTests.Images(64, seed: 3);
        var weights = Weights.Clone();
        var expected = Weights.Clone();

        QuantizedTraining.Train(weights, RqBiases.Instance, train, options, new BitErrorTrainingSettings(RqBiases.Quantizer));

        // By hand: every weight and bias tensor through the quantizer, the gradient there, one SGD step.
        var forward = Weights.Clone();
        foreach (var layer in Tiny.WeightedLayerNames)
        {
            RqBiases.Quantizer.RoundTrip(Weights.WeightsOf(layer), forward.WeightsOf(layer));
            RqBiases.Quantizer.RoundTrip(Weights.BiasOf(layer), forward.BiasOf(layer));
        }

        var gradients = new Tiny.Weights();
        new Tiny.Model(64).Loss(train.Pixels, train.Labels, 64, forward, gradients);
        foreach (var layer in Tiny.WeightedLayerNames)
        {
            var (w, g, b, gb) = (expected.WeightsOf(layer), gradients.WeightsOf(layer), expected.BiasOf(layer), gradients.BiasOf(layer));
            for (int i = 0; i < w.Length; i++)
            {
                w[i] -= 0.1f * g[i];
            }

            for (int i = 0; i < b.Length; i++)
            {
                b[i] -= 0.1f * gb[i];
            }

            weights.WeightsOf(layer).ShouldBe(w, 1e-5f);
            weights.BiasOf(layer).ShouldBe(b, 1e-5f);
        }
    }
}
