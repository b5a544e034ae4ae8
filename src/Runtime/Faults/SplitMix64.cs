namespace MapDsl.Runtime.Faults;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood): a Weyl sequence passed through a 64-bit finalizer. Used to expand one seed into
/// the four words of <see cref="Xoshiro256StarStar"/> and, through <see cref="Mix"/>, to hash stream coordinates in
/// <see cref="FaultStreams"/>. Only integer arithmetic, so it is the same on every machine.
/// </summary>
public static class SplitMix64
{
    /// <summary>The Weyl increment, 2^64 divided by the golden ratio, rounded to odd.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>Advances <paramref name="state"/> by <see cref="Gamma"/> and returns the mixed new state.</summary>
    /// <param name="state">Generator state; updated in place.</param>
    /// <returns>The next 64-bit output.</returns>
    public static ulong Next(ref ulong state)
    {
        state += Gamma;
        return Mix(state);
    }

    /// <summary>
    /// The SplitMix64 finalizer: a bijection of 64-bit words in which every input bit affects every output bit.
    /// </summary>
    /// <param name="z">Word to mix.</param>
    /// <returns>The mixed word.</returns>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
