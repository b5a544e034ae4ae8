using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;

namespace Pruning;

/// <summary>What <see cref="PruneAndFineTune.Run"/> produced.</summary>
/// <param name="Pruned">The trained weights with the pruned ones set to 0 (what the declaration's Apply gives).</param>
/// <param name="FineTuned">The pruned weights after masked fine-tuning: pruned weights are still exactly 0.</param>
/// <param name="Keep">The keep-masks, one per weighted layer in WeightedLayerNames order (true = kept).</param>
/// <param name="EpochLosses">The mean training loss of each fine-tuning epoch.</param>
internal sealed record PrunedNetwork<TWeights>(TWeights Pruned, TWeights FineTuned, bool[][] Keep, double[] EpochLosses);

/// <summary>
/// Prune with a pruning declaration, then fine-tune with its keep-masks: the masks are selected once on the trained
/// weights (as the generated Keep methods do), and training only moves the kept weights, so the fine-tuned network
/// has exactly the sparsity the declaration asked for.
/// </summary>
internal static class PruneAndFineTune
{
    /// <summary>Prunes a copy of <paramref name="trained"/> with the masks of <paramref name="keep"/>, then fine-tunes a copy of that.</summary>
    /// <param name="network">The generated members of the network.</param>
    /// <param name="trained">The trained weights; not changed.</param>
    /// <param name="keep">
    /// The declaration's keep-masks of a weights object, in layer order, e.g.
    /// <c>w => [Decl.KeepC1(w.C1), Decl.KeepC2(w.C2), ...]</c>.
    /// </param>
    /// <param name="train">The fine-tuning images.</param>
    /// <param name="options">Epochs, learning rate, momentum, batch and seed of the fine-tuning.</param>
    /// <param name="onEpoch">Progress after each epoch: the epoch (1-based) and its mean loss.</param>
    /// <param name="cancel">Stops the fine-tuning between batches.</param>
    public static PrunedNetwork<TWeights> Run<TWeights>(
        NetworkTraining<TWeights> network,
        TWeights trained,
        Func<TWeights, bool[][]> keep,
        ImageSet train,
        TrainingOptions options,
        Action<int, double>? onEpoch = null,
        CancellationToken cancel = default)
    {
        var masks = keep(trained);
        if (masks.Length != network.Layers.Count)
        {
            throw new ArgumentException($"The declaration gave {masks.Length} keep-masks for {network.Layers.Count} weighted layers.", nameof(keep));
        }

        var pruned = network.Copy(trained);
        for (var l = 0; l < masks.Length; l++)
        {
            Masks.Apply(network.WeightsOf(pruned, network.Layers[l]), masks[l]);
        }

        var tuned = network.Copy(pruned);
        var gradients = network.Zero();
        var loss = network.Loss(options.BatchSize);
        var layers = network.Layers
            .Select((layer, l) => new TrainableLayer(
                layer, network.WeightsOf(tuned, layer), network.BiasOf(tuned, layer), network.WeightsOf(gradients, layer), network.BiasOf(gradients, layer), masks[l]))
            .ToList();
        var losses = MaskedTrainer.Train(layers, (pixels, labels, batch) => loss(pixels, labels, batch, tuned, gradients), train, options, onEpoch, cancel: cancel);
        return new PrunedNetwork<TWeights>(pruned, tuned, masks, losses);
    }
}
