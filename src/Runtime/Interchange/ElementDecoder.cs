using System.Buffers.Binary;

namespace MapDsl.Runtime.Interchange;

/// <summary>Turns stored little-endian values of any <see cref="ElementType"/> into floats.</summary>
internal static class ElementDecoder
{
    public static int Size(ElementType type) => type switch
    {
        ElementType.Float64 or ElementType.Int64 => 8,
        ElementType.Float32 or ElementType.Int32 => 4,
        ElementType.Float16 or ElementType.BFloat16 or ElementType.Int16 => 2,
        ElementType.Int8 or ElementType.UInt8 or ElementType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Decodes <c>destination.Length</c> values from <paramref name="source"/>, which holds exactly that many.</summary>
    public static void Decode(ElementType type, ReadOnlySpan<byte> source, Span<float> destination)
    {
        if (type == ElementType.Float32 && BitConverter.IsLittleEndian)
        {
            // The common case, and the stored bytes already are the floats: copy instead of decoding one by one.
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
            return;
        }

        int size = Size(type);
        for (int index = 0; index < destination.Length; index++)
        {
            destination[index] = DecodeOne(type, source.Slice(index * size, size));
        }
    }

    private static float DecodeOne(ElementType type, ReadOnlySpan<byte> bytes) => type switch
    {
        ElementType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(bytes),
        ElementType.Float64 => (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes),
        ElementType.Float16 => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes),

        // bfloat16 is the upper half of a float32, so widening is exact: shift it back into place.
        ElementType.BFloat16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes) << 16),
        ElementType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        ElementType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
        ElementType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
        ElementType.Int8 => (sbyte)bytes[0],
        ElementType.UInt8 => bytes[0],
        ElementType.Bool => bytes[0] == 0 ? 0f : 1f,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
