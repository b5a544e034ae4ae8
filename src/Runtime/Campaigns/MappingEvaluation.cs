using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Evaluation;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// What every trial of one mapping of one network shares, built once and then only read: the network it programs, the
/// weights a fault-free chip computes with, and the incremental evaluator's cache of clean activations on the test
/// images. <see cref="CreateWorker"/> gives the per-thread trial workers a <see cref="CampaignRunner"/> needs, so an
/// experiment supplies only the mapping, the weights and the images.
/// </summary>
/// <typeparam name="TWeights">The network's generated weights type.</typeparam>
public sealed class MappingEvaluation<TWeights>
    where TWeights : class, INetworkWeights<TWeights>
{
    /// <summary>Programs a clean chip, reads its weights back and caches the clean network's activations on the test images.</summary>
    /// <param name="mapping">The mapping, e.g. an entry of the generated <c>N.Mappings</c>.</param>
    /// <param name="network">The weights it programs (unpruned: the mapping applies its own pruning).</param>
    /// <param name="test">The images every trial is evaluated on.</param>
    public MappingEvaluation(IMapping<TWeights> mapping, TWeights network, ImageSet test)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(test);
        Mapping = mapping;
        Network = network;
        CleanReadBack = mapping.ReadBack(mapping.Map(network));
        var layers = network.LayerNames;
        Evaluator = new IncrementalEvaluator(
            TWeights.Graph, test.Pixels, test.Labels, [.. layers.Select(CleanReadBack.WeightsOf)], [.. layers.Select(CleanReadBack.BiasOf)],
            norms: TWeights.Graph.NormSteps.Count == 0 ? null : CleanReadBack.Norms);
        TestImages = test.Count;
    }

    /// <summary>The mapping.</summary>
    public IMapping<TWeights> Mapping { get; }

    /// <summary>The weights it programs.</summary>
    public TWeights Network { get; }

    /// <summary>The weights a fault-free chip computes with: the network after pruning, quantization and conductance levels.</summary>
    public TWeights CleanReadBack { get; }

    /// <summary>Test accuracy of a chip from its weight changes, re-using everything the changes leave as it was.</summary>
    public IncrementalEvaluator Evaluator { get; }

    /// <summary>Images per evaluation.</summary>
    public int TestImages { get; }

    /// <summary>Accuracy of the fault-free chip.</summary>
    public double CleanAccuracy => (double)Evaluator.CleanCorrect / TestImages;

    /// <summary>A worker for one thread (it owns a programmed chip and buffers).</summary>
    /// <returns>The worker.</returns>
    public ITrialWorker CreateWorker() => new MappingTrialWorker<TWeights>(this);
}
