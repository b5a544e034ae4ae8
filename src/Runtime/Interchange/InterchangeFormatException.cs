namespace MapDsl.Runtime.Interchange;

/// <summary>
/// A <c>.safetensors</c> or <c>.npy</c> file that cannot be read: bad magic or version, a header length beyond the
/// file, malformed header, unknown dtype, data offsets out of range or overlapping or leaving bytes unused, data that
/// does not match its shape, a truncated file, or an array layout this reader does not convert. Reading is
/// all-or-nothing, so when this is thrown nothing was read.
/// </summary>
public sealed class InterchangeFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file, or null when reading from a stream.</param>
    /// <param name="problem">What is wrong, phrased for the person who exported the file.</param>
    public InterchangeFormatException(string? path, string problem)
        : base(path is null ? problem : $"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file, or null when it was read from a stream.</summary>
    public string? Path { get; }

    /// <summary>The problem without the file name (the <see cref="Exception.Message"/> is the path, then the problem).</summary>
    public string Problem { get; }
}
