using MapDsl.Generated.Tests.Contract;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;

namespace MapDsl.Generated.Tests.Evaluation;

/// <summary>
/// Flipped code bits found in O(flips) (<see cref="FaultMapChanges"/>, and the campaign worker that uses it) against
/// the specification: program a fresh chip, inject the same sampled fault map with the generated <c>Inject</c> and
/// diff its <c>ReadBack</c> with the clean read-back, bit for bit. Every shipped mapping that allows bit flips, flips
/// alone and mixed with the mapping's other fault kinds, at rates up to 100%, on many chips of one borrowed chip
/// (so an incomplete restore would show in the next trial).
/// </summary>
public sealed class BitFlipChangesTests
{
    private const int Chips = 6;

    /// <summary>The shipped mappings with bit flips among their fault kinds, by generated type name.</summary>
    public static TheoryData<string> FlipMappings => [.. FlipMappingTypes().Keys];

    [Fact]
    public void Every_kind_of_quantized_mapping_is_covered()
    {
        // Offset (odd and even levels), both pair schemes, and weight-stationary with every quantizer of the language:
        // symmetric round and truncate, asymmetric signed and unsigned truncate, robust, clipped or not, 4 to 8 bits;
        // and biases stored as codes on a crossbar and on an array; and a network with residual blocks and batch norms (folded before quantizing).
        FlipMappingTypes().Keys.ShouldBe(
            ["Test.BitErrors.OffsetBiases", "Test.BitErrors.Rq", "Test.BitErrors.RqBiases", "Test.BitErrors.Trunc4", "Test.Evaluation.DiffQ", "Test.Evaluation.OffQ", "Test.Evaluation.TwoColQ", "Test.Faults.OnPes",
             "Test.Faults.RobustPes", "Test.Faults.TruncatedPes", "Lab.BitErrors.LeNetAsymB4", "Lab.BitErrors.LeNetAsymB8", "Lab.BitErrors.LeNetAsymUnsignedB4",
             "Lab.BitErrors.LeNetAsymUnsignedB8", "Lab.BitErrors.LeNetClip05B4", "Lab.BitErrors.LeNetNormalB4", "Lab.BitErrors.LeNetNormalB8", "Lab.BitErrors.LeNetRobustB4",
             "Lab.BitErrors.LeNetRobustB8", "Lab.Mlp.Q8", "Lab.ResNet.Q8"],
            ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(FlipMappings))]
    public void Changed_weights_and_accuracy_equal_inject_and_read_back(string mapping)
    {
        var instance = FlipMappingTypes()[mapping];
        var weights = instance.GetType().GetInterfaces()
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IMapping<>)).GetGenericArguments()[0];
        typeof(BitFlipChangesTests).GetMethod(nameof(MatchesReadBack), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(weights).Invoke(null, [instance]);
    }

    private static void MatchesReadBack<TWeights>(IMapping<TWeights> mapping)
        where TWeights : class, INetworkWeights<TWeights>
    {
        var weights = RandomWeights<TWeights>();
        var layers = weights.LayerNames;
        var clean = mapping.ReadBack(mapping.Map(weights));
        var view = FaultMapChanges.For(mapping.Map(weights), [.. layers.Select(clean.WeightsOf)]);
        var changes = layers.Select(_ => new WeightChanges()).ToArray();
        var evaluation = new MappingEvaluation<TWeights>(mapping, weights, RandomImages(TWeights.Graph.InputLength, TWeights.Graph.OutputLength));
        var worker = evaluation.CreateWorker();
        var configuration = CampaignConfiguration.Of(mapping);
        var flipped = 0;
        var changed = 0;

        foreach (var rates in RatesFor(mapping))
        {
            for (var chip = 1; chip <= Chips; chip++)
            {
                var faults = mapping.SampleFaults(rates, (ulong)chip);
                var what = $"{mapping.Name}, {rates}, chip {chip}";
                var expected = ReadBackDiff(mapping, weights, clean, faults);
                view.Collect(faults, changes);
                for (var i = 0; i < layers.Count; i++)
                {
                    Sorted(changes[i]).ShouldBe(Sorted(expected[i]), $"{what}, layer {layers[i]}");
                }

                // The worker's trial against the evaluator fed the read-back diff, as bit-flip trials were evaluated.
                var accuracy = (double)evaluation.Evaluator.CountCorrect(expected) / evaluation.TestImages;
                worker.Evaluate(new Trial(configuration, rates, chip)).ShouldBe(accuracy, what);
                flipped += faults.BitFlipCount;
                changed += expected.Sum(e => e.Count);
            }
        }

        flipped.ShouldBeGreaterThan(0, "the rates flip bits");
        changed.ShouldBeGreaterThan(0, "the flips change weights");
    }

    // Bit flips alone, then with every other kind the mapping can have, up to a chip whose every bit is flipped.
    private static IEnumerable<FaultRates> RatesFor(IMapping mapping)
    {
        foreach (var flip in new[] { 0.002, 0.05, 0.4, 1.0 })
        {
            yield return new FaultRates(0, 0, flip, 0);
            if (mapping.IsSystolic)
            {
                yield return new FaultRates(0, 0, flip, 0.1);
                yield return new FaultRates(0, 0, flip, 0.7);
            }
            else
            {
                yield return new FaultRates(0.02, 0.01, flip, 0);
                yield return new FaultRates(0.4, 0.3, flip, 0);
            }
        }
    }

    // The specification: a fresh chip, the generated Inject, the generated ReadBack, compared bitwise with the clean
    // read-back (weights and biases), in parameter order.
    private static WeightChanges[] ReadBackDiff<TWeights>(IMapping<TWeights> mapping, TWeights weights, TWeights clean, FaultMap faults)
        where TWeights : class, INetworkWeights<TWeights>
    {
        var chip = mapping.Map(weights);
        mapping.Inject(chip, faults);
        var faulty = mapping.ReadBack(chip);
        return [.. weights.LayerNames.Select(layer =>
        {
            // Parameter indices: the weights, then the biases (bias b at weights + b), as the evaluator takes them.
            var changes = new WeightChanges();
            float[] before = [.. clean.WeightsOf(layer), .. clean.BiasOf(layer)];
            float[] after = [.. faulty.WeightsOf(layer), .. faulty.BiasOf(layer)];
            for (var j = 0; j < before.Length; j++)
            {
                if (BitConverter.SingleToInt32Bits(before[j]) != BitConverter.SingleToInt32Bits(after[j]))
                {
                    changes.Add(j, after[j]);
                }
            }

            return changes;
        })];
    }

    private static List<(int Index, int Bits)> Sorted(WeightChanges changes) =>
        [.. Enumerable.Range(0, changes.Count).Select(i => (changes.Indices[i], BitConverter.SingleToInt32Bits(changes.Values[i]))).OrderBy(c => c.Item1)];

    // One mapping of each kind (scheme, word width, quantizer, clipped or not, biases as codes or not), the one with the fewest weights (then
    // the first by name): the experiments declare many mappings that differ only in the network or the clip bound.
    private static Dictionary<string, IMapping> FlipMappingTypes() => ShippedDeclarations.Mappings
        .Where(m => m.FaultKinds.Contains(FaultKind.BitFlip))
        .OrderBy(m => m.Shape.Layers.Sum(l => (long)l.WeightCount))
        .ThenBy(m => m.GetType().FullName, StringComparer.Ordinal)
        .GroupBy(m => (m.Scheme, m.Quantizer!.Bits, m.Quantizer.Range, m.Quantizer.Encoding, m.Quantizer.Rounding, m.Quantizer.Clip is null, m.QuantizesBiases))
        .Select(kind => kind.First())
        .ToDictionary(m => m.GetType().FullName!, m => m);

    // Seeded weights, with an exact zero and a negative zero in the first layer (pruned weights and a signed zero).
    private static TWeights RandomWeights<TWeights>()
        where TWeights : class, INetworkWeights<TWeights>
    {
        var weights = TWeights.Zero();
        var seed = 40;
        foreach (var layer in weights.LayerNames)
        {
            ReferenceMath.RandomWeights(weights.WeightsOf(layer).Length, seed++).CopyTo(weights.WeightsOf(layer), 0);
            ReferenceMath.RandomWeights(weights.BiasOf(layer).Length, seed++).CopyTo(weights.BiasOf(layer), 0);
        }

        var first = weights.WeightsOf(weights.LayerNames[0]);
        first[0] = 0f;
        first[1] = -0f;
        return weights;
    }

    private static ImageSet RandomImages(int inputLength, int classes)
    {
        var random = new Random(8);
        const int Images = 60;
        var pixels = Enumerable.Range(0, Images * inputLength).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, Images).Select(_ => (byte)random.Next(classes)).ToArray();
        return new ImageSet(pixels, labels, 1, inputLength, "random", classes);
    }
}
