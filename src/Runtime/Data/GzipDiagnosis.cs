using System.Buffers.Binary;
using System.IO.Compression;

namespace MapDsl.Runtime.Data;

/// <summary>
/// Says where a gzip file that failed to decompress is damaged: a header byte, the compressed data, or the CRC-32 of
/// the trailer. <c>GZipStream</c> reports all of these with one message, which gives the user nothing to go on.
/// </summary>
internal static class GzipDiagnosis
{
    private const int TrailerLength = 8;
    private const byte Deflate = 8;
    private const byte ReservedFlags = 0xE0;
    private const byte HeaderCrcFlag = 0x02;
    private const byte ExtraFlag = 0x04;
    private const byte NameFlag = 0x08;
    private const byte CommentFlag = 0x10;

    /// <summary>The damage in <paramref name="bytes"/>, a single-member gzip file of at least 18 bytes that did not decompress.</summary>
    public static string Explain(byte[] bytes)
    {
        if (bytes[2] != Deflate)
        {
            return $"gzip header byte 2 (compression method) is {bytes[2]}, but gzip files use 8 (deflate)";
        }

        if ((bytes[3] & ReservedFlags) != 0)
        {
            return $"gzip header byte 3 (flags) is 0x{bytes[3]:X2}, which sets reserved bits (0x{bytes[3] & ReservedFlags:X2})";
        }

        int? dataStart = DataStart(bytes);
        if (dataStart is not int start)
        {
            return $"the gzip header (flags 0x{bytes[3]:X2} in byte 3) runs past the compressed data: the flags or the fields they announce are damaged";
        }

        int trailer = bytes.Length - TrailerLength;
        byte[]? content = Inflate(bytes.AsSpan(start, trailer - start));
        if (content is null)
        {
            return $"the compressed data from byte {start} to byte {trailer - 1} is damaged";
        }

        uint declared = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(trailer));
        uint actual = Crc32.Of(content);
        if (declared != actual)
        {
            return $"the CRC-32 in the gzip trailer (bytes {trailer}..{trailer + 3}) is {declared:X8}, but the data decompresses to bytes whose CRC-32 is {actual:X8}: the data or the checksum is damaged";
        }

        uint size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(trailer + 4));
        return size != (uint)content.Length
            ? $"{content.Length} bytes decompressed but the size field of the gzip trailer (bytes {trailer + 4}..{trailer + 7}) says {size}"
            : $"the gzip header (bytes 0..{start - 1}) is damaged";
    }

    // Where the deflate data starts after the optional header fields the flags announce (RFC 1952, 2.3), or null
    // when they run into the trailer.
    private static int? DataStart(byte[] bytes)
    {
        int limit = bytes.Length - TrailerLength;
        byte flags = bytes[3];
        int at = 10;
        if ((flags & ExtraFlag) != 0)
        {
            at = at + 2 > limit ? int.MaxValue : at + 2 + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));
        }

        foreach (byte zeroTerminated in new[] { NameFlag, CommentFlag })
        {
            if ((flags & zeroTerminated) != 0 && at < limit)
            {
                int end = Array.IndexOf(bytes, (byte)0, at, limit - at);
                at = end < 0 ? int.MaxValue : end + 1;
            }
        }

        if ((flags & HeaderCrcFlag) != 0 && at < limit)
        {
            at += 2;
        }

        return at < limit ? at : null;
    }

    private static byte[]? Inflate(ReadOnlySpan<byte> compressed)
    {
        try
        {
            using var inflater = new DeflateStream(new MemoryStream(compressed.ToArray(), writable: false), CompressionMode.Decompress);
            var content = new MemoryStream();
            inflater.CopyTo(content);
            return content.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
