namespace MapDsl.Runtime.Data;

/// <summary>
/// The datasets MapDsl evaluates on, found without downloading anything: Fashion-MNIST from a folder the caller
/// names, from <c>MAPDSL_DATA</c>, or else the class-balanced slice shipped in the repository's
/// <c>data/fashion-mnist</c> (4,000 training and 1,000 test images). <see cref="DataLocator"/> describes the order.
/// </summary>
public static class Datasets
{
    /// <summary>The environment variable naming a data folder (a full Fashion-MNIST copy, or a parent of one).</summary>
    public const string EnvironmentVariable = "MAPDSL_DATA";

    /// <summary>Class names of Fashion-MNIST labels 0..9, for reports.</summary>
    public static IReadOnlyList<string> FashionClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The Fashion-MNIST training split (60,000 images in a full copy, 4,000 in the shipped slice).</summary>
    /// <param name="directory">A folder to read, as a <c>--data DIR</c> option gives; null to search (see <see cref="DataLocator"/>).</param>
    /// <exception cref="DirectoryNotFoundException">No data folder was found.</exception>
    /// <exception cref="FileNotFoundException">The folder lacks a file of the split.</exception>
    /// <exception cref="DataFormatException">A file is malformed.</exception>
    public static ImageSet FashionTrain(string? directory = null) => Fashion(directory, FashionMnistFiles.Train, "train");

    /// <summary>The Fashion-MNIST test split (10,000 images in a full copy, 1,000 in the shipped slice).</summary>
    /// <param name="directory">A folder to read, as a <c>--data DIR</c> option gives; null to search (see <see cref="DataLocator"/>).</param>
    /// <exception cref="DirectoryNotFoundException">No data folder was found.</exception>
    /// <exception cref="FileNotFoundException">The folder lacks a file of the split.</exception>
    /// <exception cref="DataFormatException">A file is malformed.</exception>
    public static ImageSet FashionTest(string? directory = null) => Fashion(directory, FashionMnistFiles.Test, "test");

    /// <summary>The folder Fashion-MNIST would be read from, for reports: the same search as the loaders.</summary>
    /// <param name="directory">A folder the caller named, or null to search.</param>
    public static string FashionDirectory(string? directory = null) =>
        DataLocator.FindFashionDirectory(directory, Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory);

    private static ImageSet Fashion(string? directory, string split, string splitName)
    {
        string folder = FashionDirectory(directory);
        (string images, string labels) = FashionMnistFiles.Find(folder, split);
        return Idx.Load(images, labels, $"Fashion-MNIST {splitName} ({folder})");
    }
}
