using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;

namespace MapDsl.Generated.Tests.Evaluation;

/// <summary>
/// The weights bypassed PEs change, found from the PE list alone, equal a read-back diff of a chip programmed and
/// faulted by the generated code: every weight-stationary mapping, quantized or not, zeros and -0 included.
/// </summary>
public sealed class BypassedWeightsTests
{
    [Theory]
    [InlineData(0.02, 1)]
    [InlineData(0.3, 2)]
    [InlineData(1.0, 3)]
    public void Systolic_mlp_on_a_16x16_array(double rate, ulong chip) =>
        MatchesReadBack(Lab.Systolic.OnArray.Instance, ExampleNetworks.SystolicMlp(3), rate, chip);

    [Theory]
    [InlineData(0.05, 1)]
    [InlineData(0.5, 4)]
    public void Quantized_small_networks_on_an_8x8_array(double rate, ulong chip)
    {
        var weights = new Test.Faults.Small.Weights();
        var seed = 20;
        foreach (var layer in Test.Faults.Small.WeightedLayerNames)
        {
            ReferenceMath.RandomWeights(weights.WeightsOf(layer).Length, seed++).CopyTo(weights.WeightsOf(layer), 0);
        }

        MatchesReadBack(Test.Faults.OnPes.Instance, weights, rate, chip);
        MatchesReadBack(Test.Faults.RobustPes.Instance, weights, rate, chip);
    }

    private static void MatchesReadBack<TWeights>(IMapping<TWeights> mapping, TWeights weights, double rate, ulong chip)
        where TWeights : class, INetworkWeights<TWeights>
    {
        // Exact zeros (pruned weights) and a negative zero, which read back as +0 when bypassed.
        var first = weights.WeightsOf(weights.LayerNames[0]);
        first[0] = 0f;
        first[1] = -0f;
        var clean = mapping.ReadBack(mapping.Map(weights));
        var faults = mapping.SampleFaults(FaultRates.None.With(FaultKind.Pe, rate), chip);
        var faulty = mapping.Map(weights);
        mapping.Inject(faulty, faults);
        var read = mapping.ReadBack(faulty);
        var changes = new WeightChanges();
        for (var i = 0; i < mapping.Layers.Count; i++)
        {
            var layer = mapping.Layers[i];
            BypassedWeights.Collect(layer.Plan, faults.BypassedPes, clean.WeightsOf(layer.Layer), changes);
            var expected = new List<(int, float)>();
            var before = clean.WeightsOf(layer.Layer);
            var after = read.WeightsOf(layer.Layer);
            for (var j = 0; j < before.Length; j++)
            {
                if (BitConverter.SingleToInt32Bits(before[j]) != BitConverter.SingleToInt32Bits(after[j]))
                {
                    expected.Add((j, after[j]));
                }
            }

            var found = Enumerable.Range(0, changes.Count).Select(k => (changes.Indices[k], changes.Values[k])).ToList();
            found.ShouldBe(expected, $"{mapping.Name}, layer {layer.Layer}, {faults.BypassedPes.Count} bypassed PEs");
        }
    }
}
