using System.Buffers.Binary;

namespace MapDsl.Runtime.Interchange;

/// <summary>Reads and checks what precedes the data buffer: the 8-byte header length and the JSON header.</summary>
internal static class SafeTensorsHeaderReader
{
    // The reference implementation refuses larger headers too; a length above it means the file is something else.
    private const long MaximumHeaderLength = 100_000_000;

    private const int LengthFieldSize = sizeof(ulong);

    public static SafeTensorsHeader Read(FileInput input)
    {
        long size = input.Remaining;
        if (size < LengthFieldSize)
        {
            throw input.Error(size == 0
                ? "the file is empty; a safetensors file starts with an 8-byte header length."
                : $"the file has only {size} bytes, fewer than the 8-byte header length a safetensors file starts with: it is truncated.");
        }

        Span<byte> field = stackalloc byte[LengthFieldSize];
        input.ReadExactly(field);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(field);
        long following = input.Remaining;
        if (headerLength > (ulong)following)
        {
            throw input.Error(
                $"the header length is {headerLength} bytes, beyond the end of the file ({following} bytes follow the length): the file is truncated or not a safetensors file."
                + Hint(field));
        }

        if (headerLength > MaximumHeaderLength)
        {
            throw input.Error($"the header length is {headerLength} bytes, more than the format's limit of {MaximumHeaderLength}: this is not a safetensors file.");
        }

        byte[] json = new byte[headerLength];
        input.ReadExactly(json);
        (List<SafeTensorsEntry> entries, Dictionary<string, string> metadata) = SafeTensorsHeaderParser.Parse(json, input);
        return new SafeTensorsHeader(SafeTensorsLayout.Check(entries, input.Remaining, input), metadata);
    }

    private static string Hint(ReadOnlySpan<byte> start) => ForeignFormats.Recognise(start) is string foreign ? " " + foreign : string.Empty;
}
