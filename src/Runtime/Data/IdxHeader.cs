using System.Buffers.Binary;

namespace MapDsl.Runtime.Data;

/// <summary>
/// Checks the header of an IDX file of unsigned bytes (magic 0x0000080N, then N big-endian 32-bit sizes) and that the
/// content is exactly as long as the sizes say, with a message naming what is wrong.
/// </summary>
internal static class IdxHeader
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>The N sizes of a valid header; the data starts at 4 + 4 * N.</summary>
    /// <param name="content">The whole (decompressed) file.</param>
    /// <param name="path">The file, for errors.</param>
    /// <param name="wasGzip">Whether the file was gzip, so errors can say which bytes were measured.</param>
    /// <param name="expectedMagic">0x00000803 for images, 0x00000801 for labels.</param>
    /// <param name="what">What the sizes count, "images" or "labels", for errors.</param>
    /// <exception cref="DataFormatException">Bad magic number, wrong dimension count, truncated or trailing bytes.</exception>
    public static int[] Read(ReadOnlySpan<byte> content, string path, bool wasGzip, int expectedMagic, string what)
    {
        string measured = wasGzip ? "the decompressed file has" : "the file has";
        if (content.Length < 4)
        {
            throw new DataFormatException(path, $"truncated header: expected at least 4 bytes (the magic number), {measured} {content.Length}");
        }

        int dimensions = expectedMagic & 0xff;
        uint magic = BinaryPrimitives.ReadUInt32BigEndian(content);

        // A label file given as images (or the reverse) is a mix-up worth naming as such, so known magics go first.
        bool otherKnownKind = magic is Idx.ImagesMagic or Idx.LabelsMagic;
        if (!otherKnownKind && content[0] == 0 && content[1] == 0 && content[2] == UnsignedByteType && content[3] != dimensions)
        {
            throw new DataFormatException(
                path,
                $"wrong dimension count: IDX {what} have {dimensions} dimension(s), this file has {content[3]} (magic 0x{magic:X8}, expected 0x{expectedMagic:X8})");
        }

        if (magic != (uint)expectedMagic)
        {
            throw new DataFormatException(path, $"bad magic number: expected 0x{expectedMagic:X8} (IDX {what}), found 0x{magic:X8}{Hint(content, magic, wasGzip)}");
        }

        int headerLength = 4 + (4 * dimensions);
        if (content.Length < headerLength)
        {
            throw new DataFormatException(path, $"truncated header: expected {headerLength} bytes, {measured} {content.Length}");
        }

        var sizes = new int[dimensions];
        Int128 dataLength = 1; // three sizes up to 2^31 overflow a long
        for (int d = 0; d < dimensions; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(content[(4 + (4 * d))..]);
            if (size > int.MaxValue || (d > 0 && size == 0))
            {
                throw new DataFormatException(path, $"bad size: dimension {d} of the header is {size}");
            }

            sizes[d] = (int)size;
            dataLength *= size;
        }

        Int128 expected = headerLength + dataLength;
        if (content.Length < expected)
        {
            throw new DataFormatException(
                path,
                $"truncated data: {Describe(sizes, what)} need {expected} bytes with the header, {measured} {content.Length}");
        }

        if (content.Length > expected)
        {
            throw new DataFormatException(
                path,
                $"trailing data: {Describe(sizes, what)} need {expected} bytes with the header, {measured} {content.Length}");
        }

        return sizes;
    }

    private static string Describe(int[] sizes, string what) =>
        sizes.Length == 1 ? $"{sizes[0]} {what}" : $"{sizes[0]} {what} of {string.Join('x', sizes.Skip(1))}";

    private static string Hint(ReadOnlySpan<byte> content, uint magic, bool wasGzip)
    {
        if (magic == Idx.ImagesMagic)
        {
            return " (that is an image file)";
        }

        if (magic == Idx.LabelsMagic)
        {
            return " (that is a label file)";
        }

        if (content[0] != 0 || content[1] != 0)
        {
            return wasGzip ? " (the gzip stream holds no IDX file)" : " (the file is neither IDX nor gzip, which starts with 1f 8b)";
        }

        return content[2] == UnsignedByteType ? string.Empty : $" (element type 0x{content[2]:X2}; only unsigned bytes, 0x08, are supported)";
    }
}
