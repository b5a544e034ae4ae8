namespace MapDsl.Runtime.Data;

/// <summary>
/// Decides which folder Fashion-MNIST is read from, with every input explicit so the order can be tested:
/// a directory given by the caller (a <c>--data DIR</c> option), else the <c>MAPDSL_DATA</c> value, else
/// <c>data/fashion-mnist</c> next to the binaries, else <c>data/fashion-mnist</c> of the repository (the folder
/// holding MapDsl.sln above the binaries), which ships a small slice. A directory the user named is never passed over
/// silently: if it is wrong, that is an error. <see cref="Datasets"/> calls this with the real environment.
/// </summary>
public static class DataLocator
{
    /// <summary>Where the shipped slice sits, relative to the repository root or to the binaries.</summary>
    public static readonly string SliceFolder = Path.Combine("data", "fashion-mnist");

    /// <summary>The file that marks the repository root.</summary>
    public const string RepositoryMarker = "MapDsl.sln";

    /// <summary>How to point at a full copy; ends every "not found" message.</summary>
    public const string Hint =
        "To use a full copy, pass --data DIR or set MAPDSL_DATA=DIR to a folder with train-images-idx3-ubyte.gz, "
        + "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (plain or gzip), "
        + "such as /usr/share/datasets/fashion-mnist from the Debian package dataset-fashion-mnist.";

    /// <summary>The Fashion-MNIST folder to read, by the order above.</summary>
    /// <param name="directory">A folder the caller named, or null. It may also be a parent holding <c>fashion-mnist/</c>.</param>
    /// <param name="environmentValue">The value of MAPDSL_DATA, or null (or empty) when it is not set.</param>
    /// <param name="baseDirectory">The folder of the binaries, usually <see cref="AppContext.BaseDirectory"/>.</param>
    /// <returns>The full path of the folder.</returns>
    /// <exception cref="DirectoryNotFoundException">No folder was found; the message lists what was tried.</exception>
    public static string FindFashionDirectory(string? directory, string? environmentValue, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        if (!string.IsNullOrEmpty(directory))
        {
            return Named(directory, "The data directory");
        }

        if (!string.IsNullOrEmpty(environmentValue))
        {
            return Named(environmentValue, $"{Datasets.EnvironmentVariable}={environmentValue}:");
        }

        var tried = new List<string>();
        string besideBinaries = Path.GetFullPath(Path.Combine(baseDirectory, SliceFolder));
        if (Directory.Exists(besideBinaries))
        {
            return besideBinaries;
        }

        tried.Add($"{besideBinaries} (next to the binaries)");
        string? repository = RepositoryRoot(baseDirectory);
        if (repository is not null)
        {
            string shipped = Path.Combine(repository, SliceFolder);
            if (Directory.Exists(shipped))
            {
                return shipped;
            }

            tried.Add($"{shipped} (the repository's slice)");
        }
        else
        {
            tried.Add($"the repository's slice (no folder holding {RepositoryMarker} above {Path.GetFullPath(baseDirectory)})");
        }

        throw new DirectoryNotFoundException(
            $"No Fashion-MNIST data found: {Datasets.EnvironmentVariable} is not set; tried {string.Join("; ", tried)}. {Hint}");
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds MapDsl.sln, or null.</summary>
    /// <param name="start">Where to start walking up.</param>
    public static string? RepositoryRoot(string start)
    {
        ArgumentNullException.ThrowIfNull(start);
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, RepositoryMarker)))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    // A folder the user named: used as it is, or its fashion-mnist/ child when only that holds the files, so both
    // /usr/share/datasets/fashion-mnist and /usr/share/datasets work.
    private static string Named(string directory, string what)
    {
        string full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"{what} {full} does not exist. {Hint}");
        }

        string child = Path.Combine(full, "fashion-mnist");
        return !FashionMnistFiles.AnyIn(full) && Directory.Exists(child) ? child : full;
    }
}
