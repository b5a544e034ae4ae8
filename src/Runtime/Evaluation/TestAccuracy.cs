using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;

namespace MapDsl.Runtime.Evaluation;

/// <summary>The fraction of a labelled image set a generated network classifies correctly, evaluated in batches.</summary>
public static class TestAccuracy
{
    /// <summary>Images per forward pass unless told otherwise.</summary>
    public const int DefaultBatch = 250;

    /// <summary>Runs the network over every image of <paramref name="images"/> and counts the correct answers.</summary>
    /// <typeparam name="TWeights">The network's generated weights type.</typeparam>
    /// <param name="weights">The weights to compute with.</param>
    /// <param name="images">The labelled images.</param>
    /// <param name="batch">Images per forward pass.</param>
    /// <returns>Correct answers / images.</returns>
    public static double Of<TWeights>(TWeights weights, ImageSet images, int batch = DefaultBatch)
        where TWeights : class, INetworkWeights<TWeights>
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        var model = TWeights.CreateModel(Math.Min(batch, images.Count));
        var correct = 0;
        for (var start = 0; start < images.Count; start += batch)
        {
            var count = Math.Min(batch, images.Count - start);
            var pixels = images.Pixels.AsSpan(start * images.PixelsPerImage, count * images.PixelsPerImage);
            correct += model.CountCorrect(pixels, images.Labels.AsSpan(start, count), count, weights);
        }

        return (double)correct / images.Count;
    }
}
