using System.Buffers.Binary;
using System.IO.Compression;

namespace MapDsl.Runtime.Data;

/// <summary>
/// Reads a file that may or may not be gzipped, deciding by its first two bytes (the gzip magic 1f 8b) rather than by
/// its name, because unpacked copies often keep a .gz name and packed ones lose it; and writes files atomically,
/// gzipped or not.
/// </summary>
internal static class GzipDetectingFile
{
    /// <summary>The file's content, decompressed when it is gzip.</summary>
    /// <param name="path">The file.</param>
    /// <param name="wasGzip">Whether the file was gzip, so format errors can say what the bytes were.</param>
    /// <exception cref="DataFormatException">The file starts like gzip but does not decompress to the end.</exception>
    public static byte[] ReadAll(string path, out bool wasGzip)
    {
        byte[] bytes = File.ReadAllBytes(path);
        wasGzip = IsGzip(bytes);
        return wasGzip ? Decompress(bytes, path) : bytes;
    }

    /// <summary>Whether <paramref name="bytes"/> start with the gzip magic number 1f 8b.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    /// <summary>Writes <paramref name="content"/> to a temporary file beside <paramref name="path"/>, then moves it there.</summary>
    /// <param name="path">Target file; replaced if it exists.</param>
    /// <param name="content">The uncompressed bytes.</param>
    /// <param name="gzip">Whether to gzip them (smallest size; the same input gives the same bytes).</param>
    public static void WriteAll(string path, ReadOnlySpan<byte> content, bool gzip)
    {
        string target = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        string temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (gzip)
                {
                    using var zipped = new GZipStream(file, CompressionLevel.SmallestSize, leaveOpen: true);
                    zipped.Write(content);
                }
                else
                {
                    file.Write(content);
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw;
        }
    }

    private static byte[] Decompress(byte[] bytes, string path)
    {
        // Smallest possible member: 10-byte header, an empty deflate block, 8-byte trailer (CRC-32, size).
        const int trailerLength = 8;
        if (bytes.Length < 18)
        {
            throw new DataFormatException(path, $"truncated gzip stream: a gzip file has at least 18 bytes, this one has {bytes.Length}");
        }

        var content = new MemoryStream();
        try
        {
            using var unzipped = new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress);
            unzipped.CopyTo(content);
        }
        catch (InvalidDataException error)
        {
            // The framework's message here ("unsupported compression method") misleads for bad CRCs and damaged blocks.
            throw new DataFormatException(path, $"corrupt gzip stream: {GzipDiagnosis.Explain(bytes)}", error);
        }

        // GZipStream returns what it has without complaint when a file is cut short, and checks the CRC only when the
        // trailer is there. The trailer's size field (length mod 2^32) catches a cut anywhere, including in the trailer.
        uint declared = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - trailerLength + 4));
        if (declared != (uint)content.Length)
        {
            throw new DataFormatException(
                path,
                $"truncated or corrupt gzip stream: {content.Length} bytes decompressed but the size field of the gzip trailer "
                + $"(bytes {bytes.Length - 4}..{bytes.Length - 1}) says {declared} (files of several gzip members are not supported)");
        }

        return content.ToArray();
    }
}
