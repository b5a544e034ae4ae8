namespace MapDsl.Runtime.Data;

/// <summary>
/// Reads and writes IDX files, the format of MNIST and Fashion-MNIST: a big-endian header (magic number, then one
/// 32-bit size per dimension) followed by unsigned bytes. Images have magic 0x00000803 and sizes count, rows, columns;
/// labels have magic 0x00000801 and a count. Files may be gzipped, which is recognised by content (1f 8b), not name.
/// Anything malformed fails with <see cref="DataFormatException"/> naming the problem; see docs/data.md.
/// </summary>
public static class Idx
{
    /// <summary>Magic number of an IDX image file: unsigned bytes, 3 dimensions.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX label file: unsigned bytes, 1 dimension.</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Classes a label may name (0 .. 9), as in MNIST and Fashion-MNIST.</summary>
    public const int Classes = 10;

    /// <summary>Reads an image file and its label file into one set, pixels scaled from 0..255 to [0, 1].</summary>
    /// <param name="imagesPath">IDX image file, plain or gzip.</param>
    /// <param name="labelsPath">IDX label file, plain or gzip, with one label per image.</param>
    /// <param name="source">Where the data came from, kept as <see cref="ImageSet.Source"/> for reports.</param>
    /// <exception cref="DataFormatException">Either file is malformed, a label is outside 0..9, or the counts differ.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public static ImageSet Load(string imagesPath, string labelsPath, string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagesPath);
        ArgumentException.ThrowIfNullOrEmpty(labelsPath);
        ArgumentNullException.ThrowIfNull(source);

        byte[] content = GzipDetectingFile.ReadAll(imagesPath, out bool wasGzip);
        int[] sizes = IdxHeader.Read(content, imagesPath, wasGzip, ImagesMagic, "images");
        byte[] labels = ReadLabels(labelsPath);
        if (labels.Length != sizes[0])
        {
            throw new DataFormatException(
                labelsPath,
                $"image/label count mismatch: this file has {labels.Length} labels, {imagesPath} has {sizes[0]} images");
        }

        var pixels = new float[content.Length - 16];
        PixelScale.ToUnit(content.AsSpan(16), pixels);
        return new ImageSet(pixels, labels, sizes[1], sizes[2], source, Classes);
    }

    /// <summary>Reads an IDX label file.</summary>
    /// <param name="path">IDX label file, plain or gzip.</param>
    /// <returns>The labels, each 0..9.</returns>
    /// <exception cref="DataFormatException">The file is malformed or a label is outside 0..9.</exception>
    public static byte[] ReadLabels(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] content = GzipDetectingFile.ReadAll(path, out bool wasGzip);
        IdxHeader.Read(content, path, wasGzip, LabelsMagic, "labels");
        byte[] labels = content[8..];
        int bad = Array.FindIndex(labels, label => label >= Classes);
        if (bad >= 0)
        {
            throw new DataFormatException(path, $"label outside 0..{Classes - 1}: label {bad} (byte {8 + bad}) is {labels[bad]}");
        }

        return labels;
    }

    /// <summary>Writes the images of <paramref name="images"/> as an IDX image file, each pixel rounded to 0..255.</summary>
    /// <param name="path">Target file; replaced atomically if it exists.</param>
    /// <param name="images">The images; pixels read from IDX come back exactly.</param>
    /// <param name="gzip">Whether to gzip the file.</param>
    public static void WriteImages(string path, ImageSet images, bool gzip = false)
    {
        ArgumentNullException.ThrowIfNull(images);
        byte[] levels = Array.ConvertAll(images.Pixels, PixelScale.ToLevel);
        WriteImages(path, levels, images.Count, images.Height, images.Width, gzip);
    }

    /// <summary>
    /// Writes grey levels as an IDX image file. Nothing but the sizes is checked, so this also makes test files.
    /// </summary>
    /// <param name="path">Target file; replaced atomically if it exists.</param>
    /// <param name="levels">count * height * width grey levels, image after image, each row-major.</param>
    /// <param name="count">Number of images.</param>
    /// <param name="height">Rows of one image.</param>
    /// <param name="width">Columns of one image.</param>
    /// <param name="gzip">Whether to gzip the file.</param>
    public static void WriteImages(string path, ReadOnlySpan<byte> levels, int count, int height, int width, bool gzip = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if ((long)count * height * width != levels.Length)
        {
            throw new ArgumentException($"{count} images of {height}x{width} need {(long)count * height * width} levels, got {levels.Length}.", nameof(levels));
        }

        var content = new byte[16 + levels.Length];
        WriteHeader(content, ImagesMagic, count, height, width);
        levels.CopyTo(content.AsSpan(16));
        GzipDetectingFile.WriteAll(path, content, gzip);
    }

    /// <summary>Writes the labels of <paramref name="images"/> as an IDX label file.</summary>
    /// <param name="path">Target file; replaced atomically if it exists.</param>
    /// <param name="images">The images whose labels are written.</param>
    /// <param name="gzip">Whether to gzip the file.</param>
    public static void WriteLabels(string path, ImageSet images, bool gzip = false)
    {
        ArgumentNullException.ThrowIfNull(images);
        WriteLabels(path, images.Labels, gzip);
    }

    /// <summary>Writes labels as an IDX label file. Values are not checked, so this also makes test files.</summary>
    /// <param name="path">Target file; replaced atomically if it exists.</param>
    /// <param name="labels">One byte per image.</param>
    /// <param name="gzip">Whether to gzip the file.</param>
    public static void WriteLabels(string path, ReadOnlySpan<byte> labels, bool gzip = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var content = new byte[8 + labels.Length];
        WriteHeader(content, LabelsMagic, labels.Length);
        labels.CopyTo(content.AsSpan(8));
        GzipDetectingFile.WriteAll(path, content, gzip);
    }

    private static void WriteHeader(Span<byte> content, int magic, params ReadOnlySpan<int> sizes)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(content, magic);
        for (int d = 0; d < sizes.Length; d++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(content[(4 + (4 * d))..], sizes[d]);
        }
    }
}
