using System.Buffers.Binary;
using System.Text;

namespace MapDsl.Runtime.Tests.Interchange;

/// <summary>
/// Builds .safetensors and .npy files byte by byte, following the format descriptions rather than the code under
/// test, so reading is checked against files nothing in this library wrote.
/// </summary>
internal static class InterchangeBytes
{
    /// <summary>8-byte little-endian header length, the header as given (no padding added), then the data buffer.</summary>
    public static byte[] SafeTensors(string headerJson, params byte[][] data)
    {
        byte[] header = Encoding.UTF8.GetBytes(headerJson);
        byte[] length = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        return [.. length, .. header, .. data.SelectMany(part => part)];
    }

    /// <summary>Magic, version, a 2-byte (v1) or 4-byte (v2, v3) little-endian length, the header text, then the data.</summary>
    public static byte[] Npy(int major, string header, params byte[][] data)
    {
        byte[] text = major == 3 ? Encoding.UTF8.GetBytes(header) : Encoding.Latin1.GetBytes(header);
        byte[] length = new byte[major == 1 ? 2 : 4];
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)text.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)text.Length);
        }

        return [0x93, .. "NUMPY"u8, (byte)major, 0, .. length, .. text, .. data.SelectMany(part => part)];
    }

    /// <summary>A numpy-style header dict padded with spaces and ended by a newline, the data then starting at a multiple of 64.</summary>
    public static string NpyHeader(string descr, string shape, string fortranOrder = "False", int major = 1)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': {fortranOrder}, 'shape': {shape}, }}";
        int prefix = major == 1 ? 10 : 12;
        int total = (prefix + dict.Length + 1 + 63) / 64 * 64;
        return dict + new string(' ', total - prefix - dict.Length - 1) + "\n";
    }

    public static byte[] Float32(params float[] values) => Encode(values, 4, (bytes, value) => BinaryPrimitives.WriteSingleLittleEndian(bytes, value));

    public static byte[] Float64(params double[] values) => Encode(values, 8, (bytes, value) => BinaryPrimitives.WriteDoubleLittleEndian(bytes, value));

    public static byte[] UInt16(params ushort[] values) => Encode(values, 2, (bytes, value) => BinaryPrimitives.WriteUInt16LittleEndian(bytes, value));

    public static byte[] Int32(params int[] values) => Encode(values, 4, (bytes, value) => BinaryPrimitives.WriteInt32LittleEndian(bytes, value));

    public static byte[] Int64(params long[] values) => Encode(values, 8, (bytes, value) => BinaryPrimitives.WriteInt64LittleEndian(bytes, value));

    private delegate void Writer<T>(Span<byte> bytes, T value);

    private static byte[] Encode<T>(T[] values, int size, Writer<T> write)
    {
        byte[] bytes = new byte[values.Length * size];
        for (int index = 0; index < values.Length; index++)
        {
            write(bytes.AsSpan(index * size, size), values[index]);
        }

        return bytes;
    }
}
