namespace MapDsl.Runtime.Interchange;

/// <summary>Reads stored values in chunks and converts them to floats, so a large tensor never needs a second full-size byte copy.</summary>
internal static class ElementReader
{
    private const int ChunkBytes = 1 << 16; // a multiple of every element size

    /// <summary>Reads <paramref name="count"/> values; the caller has checked that their bytes are in the file.</summary>
    public static float[] ReadFloats(FileInput input, ElementType type, int count)
    {
        int size = ElementDecoder.Size(type);
        float[] values = new float[count];
        byte[] chunk = new byte[(int)Math.Min(ChunkBytes, (long)count * size)];
        int perChunk = chunk.Length / size;
        for (int done = 0; done < count; done += perChunk)
        {
            int now = Math.Min(perChunk, count - done);
            Span<byte> bytes = chunk.AsSpan(0, now * size);
            input.ReadExactly(bytes);
            ElementDecoder.Decode(type, bytes, values.AsSpan(done, now));
        }

        return values;
    }
}
