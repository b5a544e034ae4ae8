namespace MapDsl.Runtime.Data;

/// <summary>
/// A data file that cannot be read as the format it should be in: a bad magic number, a wrong dimension count,
/// truncated or trailing bytes, images and labels that do not pair up, a label outside the classes, a damaged gzip
/// stream or malformed JSON. Reading is all-or-nothing, so when this is thrown nothing was loaded.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file, or null when the data did not come from a file.</param>
    /// <param name="problem">What is wrong, naming the problem and, where it helps, what was expected and found.</param>
    /// <param name="inner">The exception that revealed the problem, if any.</param>
    public DataFormatException(string? path, string problem, Exception? inner = null)
        : base(path is null ? problem : $"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file, or null when the data did not come from a file.</summary>
    public string? Path { get; }

    /// <summary>The problem without the file name (the <see cref="Exception.Message"/> is path and problem).</summary>
    public string Problem { get; }
}
