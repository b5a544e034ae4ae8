using System.Globalization;

namespace MapDsl.Runtime.Data;

/// <summary>
/// Labelled greyscale images of one size, such as a split of Fashion-MNIST: pixels scaled to [0, 1], stored
/// image after image, each row-major. Sets are read by <see cref="Idx"/>, <see cref="MnistJson"/> and
/// <see cref="Datasets"/>; <see cref="Take"/>, <see cref="Slice"/> and <see cref="TakePerClass"/> make smaller ones.
/// </summary>
public sealed class ImageSet
{
    /// <summary>Creates a set over the given arrays, which it keeps (no copy) and validates.</summary>
    /// <param name="pixels">Count * height * width values in [0, 1]; image i starts at i * height * width.</param>
    /// <param name="labels">One class per image, each below <paramref name="classes"/>.</param>
    /// <param name="height">Rows of one image.</param>
    /// <param name="width">Columns of one image.</param>
    /// <param name="source">Where the images came from, for reports (a dataset name and path, say).</param>
    /// <param name="classes">How many classes labels range over.</param>
    /// <exception cref="ArgumentException">Sizes do not agree, a pixel is outside [0, 1] or NaN, or a label is out of range.</exception>
    public ImageSet(float[] pixels, byte[] labels, int height, int width, string source, int classes = 10)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classes, 256);
        if ((long)height * width > Array.MaxLength)
        {
            throw new ArgumentException($"Images of {height}x{width} are too large for one array.", nameof(height));
        }

        long needed = labels.Length * ((long)height * width);
        if (needed != pixels.Length)
        {
            throw new ArgumentException($"{labels.Length} labels of {height}x{width} images need {needed} pixels, got {pixels.Length}.", nameof(pixels));
        }

        // Written as a negated range test so that NaN fails it too.
        int outside = Array.FindIndex(pixels, value => !(value >= 0f && value <= 1f));
        if (outside >= 0)
        {
            throw new ArgumentException(
                $"Pixel {outside} is {pixels[outside].ToString(CultureInfo.InvariantCulture)}, outside [0, 1].", nameof(pixels));
        }

        int badLabel = Array.FindIndex(labels, label => label >= classes);
        if (badLabel >= 0)
        {
            throw new ArgumentException($"Label {badLabel} is {labels[badLabel]}, outside 0..{classes - 1}.", nameof(labels));
        }

        Pixels = pixels;
        Labels = labels;
        Height = height;
        Width = width;
        Source = source;
        Classes = classes;
    }

    /// <summary>How many images the set holds.</summary>
    public int Count => Labels.Length;

    /// <summary>Rows of one image.</summary>
    public int Height { get; }

    /// <summary>Columns of one image.</summary>
    public int Width { get; }

    /// <summary>How many classes labels range over (10 for MNIST and Fashion-MNIST).</summary>
    public int Classes { get; }

    /// <summary>Count * Height * Width values in [0, 1], image after image, each row-major.</summary>
    public float[] Pixels { get; }

    /// <summary>The class of each image, 0 .. Classes - 1.</summary>
    public byte[] Labels { get; }

    /// <summary>Where the images came from, for reports; subsets say which part they are.</summary>
    public string Source { get; }

    /// <summary>Pixels of one image.</summary>
    public int PixelsPerImage => Height * Width;

    /// <summary>The pixels of image <paramref name="index"/>, row-major.</summary>
    /// <param name="index">0 .. Count - 1.</param>
    public ReadOnlySpan<float> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
    }

    /// <summary>The images per class: element c counts the images labelled c.</summary>
    public int[] CountPerClass()
    {
        var counts = new int[Classes];
        foreach (byte label in Labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>A copy of the first <paramref name="count"/> images (all of them when the set is smaller).</summary>
    /// <param name="count">How many images to keep; not negative.</param>
    public ImageSet Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Slice(0, Math.Min(count, Count));
    }

    /// <summary>A copy of the <paramref name="count"/> images from <paramref name="start"/> on.</summary>
    /// <param name="start">Index of the first image kept.</param>
    /// <param name="count">How many images to keep; the range must lie inside the set.</param>
    public ImageSet Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((long)start + count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Images {start}..{(long)start + count - 1} are not all inside the set of {Count}.");
        }

        if (start == 0 && count == Count)
        {
            return new ImageSet((float[])Pixels.Clone(), (byte[])Labels.Clone(), Height, Width, Source, Classes);
        }

        return new ImageSet(
            Pixels.AsSpan(start * PixelsPerImage, count * PixelsPerImage).ToArray(),
            Labels.AsSpan(start, count).ToArray(),
            Height,
            Width,
            $"{Source} [{start}..{start + count})",
            Classes);
    }

    /// <summary>
    /// A class-balanced copy: the first <paramref name="perClass"/> images of each class, kept in the set's order (so
    /// classes stay interleaved as they were). The shipped Fashion-MNIST slice is made this way.
    /// </summary>
    /// <param name="perClass">Images to keep per class; every class must have that many.</param>
    /// <exception cref="ArgumentException">A class has fewer than <paramref name="perClass"/> images.</exception>
    public ImageSet TakePerClass(int perClass)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perClass);
        int[] available = CountPerClass();
        int scarce = Array.FindIndex(available, count => count < perClass);
        if (scarce >= 0)
        {
            throw new ArgumentException($"Class {scarce} has {available[scarce]} images, fewer than {perClass}.", nameof(perClass));
        }

        var taken = new int[Classes];
        var kept = new List<int>(perClass * Classes);
        for (int i = 0; i < Count && kept.Count < perClass * Classes; i++)
        {
            if (taken[Labels[i]] < perClass)
            {
                taken[Labels[i]]++;
                kept.Add(i);
            }
        }

        var pixels = new float[kept.Count * PixelsPerImage];
        var labels = new byte[kept.Count];
        for (int k = 0; k < kept.Count; k++)
        {
            Image(kept[k]).CopyTo(pixels.AsSpan(k * PixelsPerImage));
            labels[k] = Labels[kept[k]];
        }

        string source = $"{Source} (first {perClass.ToString(CultureInfo.InvariantCulture)} per class)";
        return new ImageSet(pixels, labels, Height, Width, source, Classes);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Count} images of {Height}x{Width}, {Classes} classes, from {Source}";
}
