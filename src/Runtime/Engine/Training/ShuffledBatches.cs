using MapDsl.Runtime.Data;

namespace MapDsl.Runtime.Engine.Training;

/// <summary>
/// Mini-batches of an image set in a shuffled order: one permutation kept across epochs and shuffled again (Fisher-Yates
/// by <see cref="Random.Shuffle{T}(T[])"/>) at the start of each, so the order depends only on the generator's seed.
/// Only full batches are used; the images a permutation leaves after the last full batch sit that epoch out.
/// </summary>
internal sealed class ShuffledBatches
{
    private readonly ImageSet images;
    private readonly Random random;
    private readonly int[] order;

    public ShuffledBatches(ImageSet images, int batchSize, Random random)
    {
        this.images = images;
        this.random = random;
        BatchSize = batchSize;
        order = [.. Enumerable.Range(0, images.Count)];
        Pixels = new float[batchSize * images.PixelsPerImage];
        Labels = new byte[batchSize];
    }

    public int BatchSize { get; }

    /// <summary>Full batches per epoch.</summary>
    public int Count => order.Length / BatchSize;

    /// <summary>The current batch's pixels, after <see cref="Load"/>.</summary>
    public float[] Pixels { get; }

    /// <summary>The current batch's labels, after <see cref="Load"/>.</summary>
    public byte[] Labels { get; }

    public void Shuffle() => random.Shuffle(order);

    /// <summary>Copies batch <paramref name="index"/> of the current order into <see cref="Pixels"/> and <see cref="Labels"/>.</summary>
    public void Load(int index)
    {
        int perImage = images.PixelsPerImage;
        for (int i = 0; i < BatchSize; i++)
        {
            int image = order[index * BatchSize + i];
            images.Image(image).CopyTo(Pixels.AsSpan(i * perImage, perImage));
            Labels[i] = images.Labels[image];
        }
    }
}
