using MapDsl.Runtime.Data;

namespace MapDsl.Runtime.Tests.Data;

/// <summary>
/// A small valid IDX pair (12 images of 3x4 covering every grey level pattern the tests need, labels 0..9 then 0, 1)
/// written into a temp folder, from which the damage tests make their corrupt copies.
/// </summary>
internal static class SmallIdx
{
    public const int Count = 12;
    public const int Height = 3;
    public const int Width = 4;

    public static byte[] Levels { get; } =
        Enumerable.Range(0, Count * Height * Width).Select(i => (byte)((i * 37) % 256)).ToArray();

    public static byte[] Labels { get; } = Enumerable.Range(0, Count).Select(i => (byte)(i % 10)).ToArray();

    /// <summary>Writes the images and labels into <paramref name="folder"/>; returns their paths.</summary>
    public static (string Images, string Labels) Write(TempFolder folder, bool gzip)
    {
        string images = folder.File(gzip ? "images.gz" : "images");
        string labels = folder.File(gzip ? "labels.gz" : "labels");
        Idx.WriteImages(images, Levels, Count, Height, Width, gzip);
        Idx.WriteLabels(labels, Labels, gzip);
        return (images, labels);
    }

    /// <summary>The bytes of a plain IDX image file of the small set, header and all.</summary>
    public static byte[] PlainImageBytes()
    {
        using var folder = new TempFolder();
        return File.ReadAllBytes(Write(folder, gzip: false).Images);
    }
}
