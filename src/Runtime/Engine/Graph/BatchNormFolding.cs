using MapDsl.Runtime.Contract;

namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// Folds a batch norm into the conv or dense layer it directly follows, the way inference hardware runs it: with
/// s = γ/√(σ² + ε) per output channel, the layer's weights of that channel become w·s and its bias (b − μ)·s + β, and
/// the batch norm becomes the identity. Mappings fold before they program a chip, so tiles hold folded weights and
/// faults act on them; a batch norm that follows anything else stays digital.
/// </summary>
/// <remarks>The factors are computed in double and each folded value is rounded to float once.</remarks>
public static class BatchNormFolding
{
    /// <summary>A copy of <paramref name="weights"/> with every foldable batch norm folded and marked folded.</summary>
    /// <typeparam name="TWeights">The network's generated weights type.</typeparam>
    /// <param name="weights">The weights; not changed. Batch norms already folded stay as they are.</param>
    /// <returns>The folded copy; <paramref name="weights"/> itself when there is nothing to fold.</returns>
    public static TWeights Folded<TWeights>(TWeights weights)
        where TWeights : class, INetworkWeights<TWeights>
    {
        ArgumentNullException.ThrowIfNull(weights);
        var graph = TWeights.Graph;
        if (!graph.NormSteps.Any(step => step.FoldsInto >= 0 && !weights.Norms[step.NormIndex].IsFolded))
        {
            return weights;
        }

        var copy = weights.Clone();
        FoldInPlace(graph, copy);
        return copy;
    }

    /// <summary>Folds every foldable, not yet folded batch norm of <paramref name="weights"/> in place.</summary>
    /// <param name="graph">The network.</param>
    /// <param name="weights">Its weights and batch norms.</param>
    public static void FoldInPlace(NetworkGraph graph, INetworkWeights weights)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Norms.Count != graph.NormSteps.Count)
        {
            throw new ArgumentException($"The network has {graph.NormSteps.Count} batch norms; the weights have {weights.Norms.Count}.", nameof(weights));
        }

        foreach (var step in graph.NormSteps)
        {
            var norm = weights.Norms[step.NormIndex];
            if (step.FoldsInto < 0 || norm.IsFolded)
            {
                continue;
            }

            var layer = graph.WeightedSteps[step.FoldsInto].Name!;
            Fold(weights.WeightsOf(layer), weights.BiasOf(layer), norm);
        }
    }

    /// <summary>Folds one batch norm into one layer's weights and biases and marks it folded.</summary>
    /// <param name="weights">[channels, rest] (conv [outC, inC, kH, kW], dense [out, in]), scaled in place.</param>
    /// <param name="bias">[channels], replaced in place.</param>
    /// <param name="norm">The batch norm over the layer's output channels.</param>
    public static void Fold(Span<float> weights, Span<float> bias, BatchNormParameters norm)
    {
        ArgumentNullException.ThrowIfNull(norm);
        if (norm.IsFolded)
        {
            throw new InvalidOperationException($"Batch norm '{norm.Name}' is already folded.");
        }

        var channels = norm.Channels;
        if (bias.Length != channels || weights.Length % channels != 0)
        {
            throw new ArgumentException($"Batch norm '{norm.Name}' normalises {channels} channels; the layer has {bias.Length} biases and {weights.Length} weights.", nameof(weights));
        }

        var perChannel = weights.Length / channels;
        for (var c = 0; c < channels; c++)
        {
            var scale = norm.Scale(c);
            var row = weights.Slice(c * perChannel, perChannel);
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = (float)(row[i] * scale);
            }

            bias[c] = (float)(((bias[c] - (double)norm.RunningMean[c]) * scale) + norm.Beta[c]);
        }

        norm.IsFolded = true;
    }
}
