using Lab.Differential;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Evaluation;

namespace DifferentialMapping;

/// <summary>
/// What every trial of one configuration shares, built once and then only read: the network it maps, the weights
/// the fault-free chip computes with, and the incremental evaluator's cache of clean activations on the test set.
/// </summary>
internal sealed class ConfigurationContext
{
    public ConfigurationContext(MappingBinding mapping, LeNet5.Weights network, ImageSet test)
    {
        Mapping = mapping;
        Network = network;
        CleanReadBack = mapping.Map(network).ReadBack();
        var layers = LeNet5.WeightedLayerNames;
        Evaluator = new IncrementalEvaluator(
            LeNet5.Graph,
            test.Pixels,
            test.Labels,
            [.. layers.Select(CleanReadBack.WeightsOf)],
            [.. layers.Select(CleanReadBack.BiasOf)]);
        TestImages = test.Count;
    }

    /// <summary>The mapping of differential.xmap.</summary>
    public MappingBinding Mapping { get; }

    /// <summary>The (pruned, fine-tuned) network the mapping programs.</summary>
    public LeNet5.Weights Network { get; }

    /// <summary>The weights a fault-free chip computes with: the network after conductance quantization.</summary>
    public LeNet5.Weights CleanReadBack { get; }

    /// <summary>Test accuracy of a chip from its weight changes, re-using everything a fault leaves unchanged.</summary>
    public IncrementalEvaluator Evaluator { get; }

    /// <summary>Images per evaluation.</summary>
    public int TestImages { get; }
}
