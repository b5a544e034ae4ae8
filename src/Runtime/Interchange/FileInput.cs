namespace MapDsl.Runtime.Interchange;

/// <summary>
/// The bytes of a file being read, with the number still to come known up front, so that a header claiming more than
/// the file holds is rejected before anything that large is allocated, and a short file is reported as truncated.
/// </summary>
internal sealed class FileInput
{
    private readonly Stream _stream;

    private FileInput(Stream stream, string? path)
    {
        _stream = stream;
        Path = path;
    }

    /// <summary>The file, or null for a stream.</summary>
    public string? Path { get; }

    /// <summary>Bytes not read yet.</summary>
    public long Remaining => _stream.Length - _stream.Position;

    /// <summary>Position from the start of the input (for a stream: from where it was when reading began).</summary>
    public long Position { get; private set; }

    /// <summary>Wraps <paramref name="stream"/>; one that cannot seek is first copied into memory, because only then is its length known.</summary>
    public static FileInput Over(Stream stream, string? path)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek)
        {
            return new FileInput(stream, path);
        }

        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return new FileInput(copy, path);
    }

    /// <summary>Fills <paramref name="buffer"/>; the caller has checked against <see cref="Remaining"/> that the bytes are there.</summary>
    public void ReadExactly(Span<byte> buffer)
    {
        int read = _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        Position += read;
        if (read < buffer.Length)
        {
            // Only when the stream shrinks while it is read, since callers check Remaining first.
            throw Error($"the file ended at byte {Position} while {buffer.Length - read} more bytes were expected; it was truncated.");
        }
    }

    /// <summary>An error about this input.</summary>
    public InterchangeFormatException Error(string problem) => new(Path, problem);
}
