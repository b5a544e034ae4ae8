namespace MapDsl.Runtime.Faults.Files;

/// <summary>
/// A fault map file that cannot be loaded: wrong magic or version, truncated, checksum mismatch, a malformed line,
/// or a fault that does not fit the expected mapping. Loading is all-or-nothing, so when this is thrown nothing was
/// loaded.
/// </summary>
public sealed class FaultMapFormatException : Exception
{
    /// <summary>Creates the exception for a problem on one line.</summary>
    /// <param name="path">The file, or null when loading from a stream or reader.</param>
    /// <param name="line">1-based line number of the problem.</param>
    /// <param name="problem">What is wrong, phrased for the person who wrote the file.</param>
    public FaultMapFormatException(string? path, int line, string problem)
        : base($"{(path is null ? string.Empty : path + ", ")}line {line}: {problem}")
    {
        Path = path;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file, or null when the map was loaded from a stream or reader.</summary>
    public string? Path { get; }

    /// <summary>1-based line number of the problem.</summary>
    public int Line { get; }

    /// <summary>The problem without the location (the <see cref="Exception.Message"/> is path, line and problem).</summary>
    public string Problem { get; }
}
