namespace MapDsl.Runtime.Data;

/// <summary>
/// The file names a Fashion-MNIST (or MNIST) folder may use for one split: the official gzipped names, the same
/// unpacked, and the dotted names some unpackers produce. The first that exists is used.
/// </summary>
internal static class FashionMnistFiles
{
    /// <summary>Prefix of the training split's files.</summary>
    public const string Train = "train";

    /// <summary>Prefix of the test split's files ("ten thousand").</summary>
    public const string Test = "t10k";

    /// <summary>Candidate names of the image file of <paramref name="split"/>, in order of preference.</summary>
    public static string[] ImageNames(string split) => Names(split, "images", 3);

    /// <summary>Candidate names of the label file of <paramref name="split"/>, in order of preference.</summary>
    public static string[] LabelNames(string split) => Names(split, "labels", 1);

    /// <summary>Whether <paramref name="directory"/> holds an image file of either split.</summary>
    public static bool AnyIn(string directory) =>
        ImageNames(Train).Concat(ImageNames(Test)).Any(name => File.Exists(Path.Combine(directory, name)));

    /// <summary>The image and label files of <paramref name="split"/> in <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">One of them is missing; the message lists the names tried.</exception>
    public static (string Images, string Labels) Find(string directory, string split) =>
        (FindOne(directory, ImageNames(split)), FindOne(directory, LabelNames(split)));

    private static string FindOne(string directory, string[] names)
    {
        foreach (string name in names)
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        string first = Path.Combine(directory, names[0]);
        throw new FileNotFoundException(
            $"Fashion-MNIST file missing in {directory}: tried {string.Join(", ", names)}. {DataLocator.Hint}", first);
    }

    private static string[] Names(string split, string kind, int dimensions) =>
    [
        $"{split}-{kind}-idx{dimensions}-ubyte.gz",
        $"{split}-{kind}-idx{dimensions}-ubyte",
        $"{split}-{kind}.idx{dimensions}-ubyte",
    ];
}
