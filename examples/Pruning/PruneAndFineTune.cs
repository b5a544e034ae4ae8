using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;

namespace Pruning;

/// <summary>What <see cref="PruneAndFineTune.Run"/> produced.</summary>
/// <param name="Pruned">The trained weights with the pruned ones set to 0 (what the declaration's Apply gives).</param>
/// <param name="FineTuned">The pruned weights after masked fine-tuning: pruned weights are still exactly 0.</param>
/// <param name="Keep">The keep-masks, one per weighted layer in network order (true = kept).</param>
/// <param name="EpochLosses">The mean training loss of each fine-tuning epoch.</param>
internal sealed record PrunedNetwork<TWeights>(TWeights Pruned, TWeights FineTuned, IReadOnlyList<bool[]> Keep, double[] EpochLosses);

/// <summary>
/// Prune with a pruning declaration, then fine-tune with its keep-masks: the masks are selected once on the trained
/// weights, and training only moves the kept weights, so the fine-tuned network has exactly the sparsity the
/// declaration asked for.
/// </summary>
internal static class PruneAndFineTune
{
    /// <summary>Prunes a copy of <paramref name="trained"/> with <paramref name="pruning"/>, then fine-tunes a copy of that.</summary>
    /// <param name="pruning">The pruning declaration, e.g. an entry of the generated <c>LeNet5.Prunings</c>.</param>
    /// <param name="trained">The trained weights; not changed.</param>
    /// <param name="train">The fine-tuning images.</param>
    /// <param name="options">Epochs, learning rate, momentum, batch and seed of the fine-tuning.</param>
    /// <param name="onEpoch">Progress after each epoch: the epoch (1-based) and its mean loss.</param>
    /// <param name="cancel">Stops the fine-tuning between batches.</param>
    public static PrunedNetwork<TWeights> Run<TWeights>(
        IPruning<TWeights> pruning, TWeights trained, ImageSet train, TrainingOptions options, Action<int, double>? onEpoch = null, CancellationToken cancel = default)
        where TWeights : class, INetworkWeights<TWeights>
    {
        var masks = pruning.Keep(trained);
        var pruned = pruning.Apply(trained);
        var tuned = pruned.Clone();
        var losses = MaskedTrainer.FineTune(tuned, masks, train, options, onEpoch, cancel);
        return new PrunedNetwork<TWeights>(pruned, tuned, masks, losses);
    }
}
