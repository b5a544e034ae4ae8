namespace MapDsl.Runtime.Tests.Corruption;

/// <summary>One damaged copy of a valid file: what was done to it, the bytes, and the first byte it changed.</summary>
/// <param name="Name">What was done, for failure messages, e.g. "cut at byte 17" or "bit 3 of byte 40 flipped".</param>
/// <param name="Bytes">The damaged file.</param>
/// <param name="At">The first byte that differs from the valid file (for a cut: its new length).</param>
/// <param name="IsCut">Whether the damage is a truncation, which never leaves a valid file.</param>
internal sealed record Damage(string Name, byte[] Bytes, int At, bool IsCut)
{
    /// <summary>Above this many bits a file gets a seeded sample of flips instead of every one, to keep the matrix fast.</summary>
    public const int EveryBitUpTo = 8_192;

    /// <summary>The file cut at every offset from 0 to its length minus one.</summary>
    public static IEnumerable<Damage> Truncations(byte[] valid)
    {
        for (int cut = 0; cut < valid.Length; cut++)
        {
            yield return new Damage($"cut at byte {cut} of {valid.Length}", valid[..cut], cut, IsCut: true);
        }
    }

    /// <summary>
    /// Every single-bit flip of the file when it has at most <see cref="EveryBitUpTo"/> bits, otherwise
    /// <paramref name="sample"/> flips at bits drawn with a fixed seed, so a failure is reproduced by running the test again.
    /// </summary>
    public static IEnumerable<Damage> BitFlips(byte[] valid, int sample = 2_000, int seed = 20261206)
    {
        long bits = (long)valid.Length * 8;
        IEnumerable<long> chosen = bits <= EveryBitUpTo
            ? Enumerable.Range(0, (int)bits).Select(bit => (long)bit)
            : Sampled(bits, sample, seed);
        foreach (long bit in chosen)
        {
            int at = (int)(bit / 8);
            byte[] damaged = (byte[])valid.Clone();
            damaged[at] ^= (byte)(1 << (int)(bit % 8));
            yield return new Damage($"bit {bit % 8} of byte {at} of {valid.Length} flipped", damaged, at, IsCut: false);
        }
    }

    /// <summary>The file with <paramref name="replacement"/> written over it from byte <paramref name="at"/>.</summary>
    public static Damage Overwrite(string name, byte[] valid, int at, ReadOnlySpan<byte> replacement)
    {
        byte[] damaged = (byte[])valid.Clone();
        replacement.CopyTo(damaged.AsSpan(at));
        return new Damage(name, damaged, at, IsCut: false);
    }

    /// <summary>A whole replacement file, e.g. one written with the wrong shape or dtype.</summary>
    public static Damage Replaced(string name, byte[] valid, byte[] damaged)
    {
        int at = 0;
        while (at < Math.Min(valid.Length, damaged.Length) && valid[at] == damaged[at])
        {
            at++;
        }

        return new Damage(name, damaged, at, IsCut: false);
    }

    private static IEnumerable<long> Sampled(long bits, int count, int seed)
    {
        var random = new Random(seed);
        var seen = new HashSet<long>();
        while (seen.Count < Math.Min(count, bits))
        {
            long bit = random.NextInt64(bits);
            if (seen.Add(bit))
            {
                yield return bit;
            }
        }
    }
}
