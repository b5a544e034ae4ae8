using MapDsl.Runtime.Data;

namespace Pruning;

/// <summary>The generated model's loss as a delegate: <c>new Model(batch).Loss</c>.</summary>
internal delegate double NetworkLoss<TWeights>(ReadOnlySpan<float> pixels, ReadOnlySpan<byte> labels, int batch, TWeights weights, TWeights gradients);

/// <summary>The generated model's count of correct answers as a delegate: <c>new Model(batch).CountCorrect</c>.</summary>
internal delegate int NetworkCountCorrect<TWeights>(ReadOnlySpan<float> pixels, ReadOnlySpan<byte> labels, int batch, TWeights weights);

/// <summary>
/// The generated members of one network that pruning and fine-tuning need. Each .xmap network has its own generated
/// types, so this record is what lets <see cref="PruneAndFineTune"/> work for any of them (see <see cref="LeNet5"/>).
/// </summary>
/// <typeparam name="TWeights">The network's generated Weights class.</typeparam>
/// <param name="Layers">The generated WeightedLayerNames.</param>
/// <param name="WeightsOf">The generated Weights.WeightsOf.</param>
/// <param name="BiasOf">The generated Weights.BiasOf.</param>
/// <param name="Copy">A deep copy: the generated Weights.Clone.</param>
/// <param name="Zero">A new, all-zero Weights (the gradient container).</param>
/// <param name="Loss">Creates a model for batches of the given size and returns its Loss.</param>
/// <param name="CountCorrect">Creates a model for batches of the given size and returns its CountCorrect.</param>
internal sealed record NetworkTraining<TWeights>(
    IReadOnlyList<string> Layers,
    Func<TWeights, string, float[]> WeightsOf,
    Func<TWeights, string, float[]> BiasOf,
    Func<TWeights, TWeights> Copy,
    Func<TWeights> Zero,
    Func<int, NetworkLoss<TWeights>> Loss,
    Func<int, NetworkCountCorrect<TWeights>> CountCorrect)
{
    private const int EvaluationBatch = 250;

    /// <summary>The LeNet-5 of pruning.xmap.</summary>
    public static NetworkTraining<Lab.Pruning.LeNet5.Weights> LeNet5 { get; } = new(
        Lab.Pruning.LeNet5.WeightedLayerNames,
        (weights, layer) => weights.WeightsOf(layer),
        (weights, layer) => weights.BiasOf(layer),
        weights => weights.Clone(),
        () => new Lab.Pruning.LeNet5.Weights(),
        batch => new Lab.Pruning.LeNet5.Model(batch).Loss,
        batch => new Lab.Pruning.LeNet5.Model(batch).CountCorrect);

    /// <summary>The fraction of <paramref name="test"/> the weights classify correctly.</summary>
    public double Accuracy(TWeights weights, ImageSet test)
    {
        var countCorrect = CountCorrect(Math.Min(EvaluationBatch, test.Count));
        var correct = 0;
        for (var start = 0; start < test.Count; start += EvaluationBatch)
        {
            var count = Math.Min(EvaluationBatch, test.Count - start);
            correct += countCorrect(test.Pixels.AsSpan(start * test.PixelsPerImage, count * test.PixelsPerImage), test.Labels.AsSpan(start, count), count, weights);
        }

        return (double)correct / test.Count;
    }
}
