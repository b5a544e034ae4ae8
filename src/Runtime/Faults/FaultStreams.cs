namespace MapDsl.Runtime.Faults;

/// <summary>
/// Seeds of the independent random streams of a chip. Every (chip seed, fault kind, layer, tile) has its own stream,
/// computed by hashing the coordinates rather than by drawing from one shared generator, so a tile's faults do not
/// depend on which other tiles were sampled before it, or whether they were sampled at all.
/// </summary>
public static class FaultStreams
{
    /// <summary>Domain tag, ASCII "MapDslFt": keeps these streams apart from other uses of the same seed.</summary>
    public const ulong Domain = 0x4D6170446C734674UL;

    /// <summary>
    /// The stream seed of one (chip, kind, layer, tile): starting from <see cref="Domain"/>, each coordinate is
    /// absorbed as <c>h = Mix((h ^ value) + Gamma)</c> (SplitMix64's <see cref="SplitMix64.Mix"/> and
    /// <see cref="SplitMix64.Gamma"/>), in the order chip seed, kind, layer, tile; negative indices are sign-extended to
    /// 64 bits. Each step is a bijection of the value for a fixed prefix, so distinct coordinates collide only by
    /// chance (about 2^-64).
    /// </summary>
    /// <param name="chipSeed">The chip: one seed per simulated die.</param>
    /// <param name="kind">The fault kind.</param>
    /// <param name="layer">Layer index in the mapping, or -1 for chip-wide faults (PEs).</param>
    /// <param name="tile">Tile index in the layer, or -1 for layer-wide or chip-wide faults (bits, PEs).</param>
    /// <returns>A seed for <see cref="Xoshiro256StarStar"/>.</returns>
    public static ulong Derive(ulong chipSeed, FaultKind kind, int layer, int tile)
    {
        ulong h = Absorb(Domain, chipSeed);
        h = Absorb(h, (ulong)(long)kind);
        h = Absorb(h, (ulong)(long)layer);
        return Absorb(h, (ulong)(long)tile);
    }

    private static ulong Absorb(ulong h, ulong value) => SplitMix64.Mix((h ^ value) + SplitMix64.Gamma);
}
