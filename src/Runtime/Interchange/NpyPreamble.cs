using System.Buffers.Binary;
using System.Text;

namespace MapDsl.Runtime.Interchange;

/// <summary>
/// The fixed start of an <c>.npy</c> file: the magic string, the format version, the header length and the header
/// text. Versions 1.0, 2.0 and 3.0 differ only in the width of the length field and the header's text encoding.
/// </summary>
internal static class NpyPreamble
{
    /// <summary>The six bytes every .npy file starts with: 0x93, then "NUMPY".</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Bytes before the header in version 1.0: magic, two version bytes, a 2-byte length.</summary>
    public const int Version1PrefixLength = 10;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads up to the end of the header and returns the header text.</summary>
    public static string Read(FileInput input)
    {
        CheckMagic(input);
        byte[] version = Next(input, 2, "the format version");
        int lengthFieldSize = (version[0], version[1]) switch
        {
            (1, 0) => sizeof(ushort),
            (2, 0) or (3, 0) => sizeof(uint),
            _ => throw input.Error($"unsupported .npy format version {version[0]}.{version[1]}; this reader knows 1.0, 2.0 and 3.0."),
        };

        byte[] field = Next(input, lengthFieldSize, "the header length");
        long headerLength = lengthFieldSize == sizeof(ushort) ? BinaryPrimitives.ReadUInt16LittleEndian(field) : BinaryPrimitives.ReadUInt32LittleEndian(field);
        if (headerLength > input.Remaining)
        {
            throw input.Error($"the header length is {headerLength} bytes, beyond the end of the file ({input.Remaining} bytes follow the length): the file is truncated.");
        }

        byte[] header = new byte[headerLength];
        input.ReadExactly(header);
        if (version[0] < 3)
        {
            return Encoding.Latin1.GetString(header);
        }

        try
        {
            return StrictUtf8.GetString(header);
        }
        catch (DecoderFallbackException)
        {
            throw input.Error("the header of this version 3.0 file is not valid UTF-8.");
        }
    }

    private static void CheckMagic(FileInput input)
    {
        if (input.Remaining == 0)
        {
            throw input.Error("the file is empty; an .npy file starts with the magic string \\x93NUMPY.");
        }

        byte[] start = new byte[Math.Min(input.Remaining, Magic.Length)];
        input.ReadExactly(start);
        if (!Magic.StartsWith(start))
        {
            string hint = ForeignFormats.Recognise(start) is string foreign ? " " + foreign : string.Empty;
            throw input.Error($"not an .npy file: it must start with the magic string \\x93NUMPY (bytes {Hex(Magic)}), but starts with {Hex(start)}.{hint}");
        }

        if (start.Length < Magic.Length)
        {
            throw input.Error($"the file ends after {start.Length} bytes, inside the magic string: it is truncated.");
        }
    }

    private static byte[] Next(FileInput input, int count, string what)
    {
        if (input.Remaining < count)
        {
            throw input.Error($"the file ends after {input.Position + input.Remaining} bytes, inside {what}: it is truncated.");
        }

        byte[] bytes = new byte[count];
        input.ReadExactly(bytes);
        return bytes;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) =>
        string.Join(' ', bytes.ToArray().Select(value => value.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
