using System.Text;
using CsCheck;

namespace MapDsl.Fuzzing;

/// <summary>
/// Byte-level mutations of the shipped .xmap files: bit flips, bytes inserted (random ones and the
/// language's punctuation), byte ranges deleted, a chunk duplicated elsewhere, truncation. The
/// result is decoded as UTF-8 the way a build reads a file, so broken sequences become U+FFFD and
/// a cut multi-byte character is a real case.
/// </summary>
internal static class ByteMutator
{
    private static readonly byte[] Interesting = "{};:.%x*-> \n\r\t0123456789/\0"u8.ToArray().Concat(new byte[] { 0xFF, 0xC3, 0xE2, 0x80, 0xEF, 0xBB, 0xBF }).ToArray();

    /// <summary>A mutated copy of one of <paramref name="corpus"/>'s files: 1 to 8 mutations.</summary>
    public static Gen<(string Origin, string Text)> Of(IReadOnlyList<FuzzFile> corpus) =>
        from file in Gen.Int[0, corpus.Count - 1]
        from mutations in Mutation.Array[1, 8]
        select (corpus[file].Path, Encoding.UTF8.GetString(mutations.Aggregate(Encoding.UTF8.GetBytes(corpus[file].Text), (bytes, mutate) => mutate(bytes))));

    private static Gen<Func<byte[], byte[]>> Mutation { get; } =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[1, 64])
            .Select((kind, where, from, value, length) => (Func<byte[], byte[]>)(bytes => kind switch
            {
                0 => FlipBit(bytes, where),
                1 => Insert(bytes, where, [where % 2 == 0 ? value : Interesting[value % Interesting.Length]]),
                2 => Delete(bytes, where, Math.Min(length, 8)),
                3 => bytes.Length == 0 ? bytes : Insert(bytes, where, Chunk(bytes, from, length)),
                4 => bytes[..(where % (bytes.Length + 1))],
                _ => Overwrite(bytes, where, Interesting[value % Interesting.Length]),
            }));

    private static byte[] FlipBit(byte[] bytes, int where)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var copy = (byte[])bytes.Clone();
        copy[where % copy.Length] ^= (byte)(1 << (where / copy.Length % 8));
        return copy;
    }

    private static byte[] Insert(byte[] bytes, int where, byte[] inserted)
    {
        var at = where % (bytes.Length + 1);
        return [.. bytes[..at], .. inserted, .. bytes[at..]];
    }

    private static byte[] Delete(byte[] bytes, int where, int length)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var at = where % bytes.Length;
        return [.. bytes[..at], .. bytes[Math.Min(bytes.Length, at + length)..]];
    }

    private static byte[] Chunk(byte[] bytes, int from, int length)
    {
        var start = from % bytes.Length;
        return bytes[start..Math.Min(bytes.Length, start + length)];
    }

    private static byte[] Overwrite(byte[] bytes, int where, byte value)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var copy = (byte[])bytes.Clone();
        copy[where % copy.Length] = value;
        return copy;
    }
}
