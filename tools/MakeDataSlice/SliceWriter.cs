using System.Security.Cryptography;
using MapDsl.Runtime.Data;

namespace MapDsl.Tools.MakeDataSlice;

/// <summary>Reads both splits of the full copy, keeps the first N images of each class in the official order, and writes them.</summary>
internal static class SliceWriter
{
    public static void Write(SliceOptions options, TextWriter report)
    {
        Directory.CreateDirectory(options.To);
        WriteSplit(Datasets.FashionTrain(options.From), options.TrainPerClass, options.To, "train", report);
        WriteSplit(Datasets.FashionTest(options.From), options.TestPerClass, options.To, "t10k", report);
    }

    private static void WriteSplit(ImageSet full, int perClass, string folder, string prefix, TextWriter report)
    {
        ImageSet slice = full.TakePerClass(perClass);
        string images = Path.Combine(folder, $"{prefix}-images-idx3-ubyte.gz");
        string labels = Path.Combine(folder, $"{prefix}-labels-idx1-ubyte.gz");
        Idx.WriteImages(images, slice, gzip: true);
        Idx.WriteLabels(labels, slice, gzip: true);

        // Read back, so a slice that does not load exactly never gets shipped.
        ImageSet written = Idx.Load(images, labels, "check");
        if (!written.Pixels.AsSpan().SequenceEqual(slice.Pixels) || !written.Labels.AsSpan().SequenceEqual(slice.Labels))
        {
            throw new IOException($"The slice written to {folder} does not read back as written.");
        }

        report.WriteLine($"{prefix}: {slice.Count} of {full.Count} images from {full.Source}");
        foreach (string path in new[] { images, labels })
        {
            byte[] bytes = File.ReadAllBytes(path);
            report.WriteLine($"| `{Path.GetFileName(path)}` | {bytes.Length} | `{Convert.ToHexStringLower(SHA256.HashData(bytes))}` |");
        }
    }
}
