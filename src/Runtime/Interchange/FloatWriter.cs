using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MapDsl.Runtime.Interchange;

/// <summary>Writes floats as little-endian float32, bit for bit (NaN payloads and negative zero included).</summary>
internal static class FloatWriter
{
    public static void Write(Stream stream, float[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }

        Span<byte> bytes = stackalloc byte[sizeof(float)];
        foreach (float value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
            stream.Write(bytes);
        }
    }
}
