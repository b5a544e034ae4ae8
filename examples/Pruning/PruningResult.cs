using MapDsl.Runtime.Contract;

namespace Pruning;

/// <summary>One row of the report: a declaration's accuracies and the sparsity its fine-tuned network has.</summary>
/// <param name="Declaration">The pruning declaration.</param>
/// <param name="TrainedAccuracy">Test accuracy of the trained weights, before pruning.</param>
/// <param name="PrunedAccuracy">Test accuracy right after pruning, without fine-tuning.</param>
/// <param name="FineTunedAccuracy">Test accuracy after masked fine-tuning.</param>
/// <param name="LayerSparsity">Per weighted layer, the fraction of its weights that are exactly 0 after fine-tuning.</param>
/// <param name="OverallSparsity">The fraction of all weights that are exactly 0 after fine-tuning.</param>
internal sealed record PruningResult(
    IPruning Declaration, double TrainedAccuracy, double PrunedAccuracy, double FineTunedAccuracy, double[] LayerSparsity, double OverallSparsity)
{
    /// <summary>The sparsity of each layer and of the whole network: zeros over weights.</summary>
    public static (double[] PerLayer, double Overall) SparsityOf(IReadOnlyList<float[]> layers)
    {
        var zeros = layers.Select(w => w.Count(v => v == 0f)).ToArray();
        var perLayer = layers.Select((w, l) => (double)zeros[l] / w.Length).ToArray();
        return (perLayer, (double)zeros.Sum() / layers.Sum(w => w.Length));
    }
}
