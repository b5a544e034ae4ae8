using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Tests.Faults;

public sealed class FaultStreamsTests
{
    [Fact]
    public void Derive_is_pinned_so_a_change_of_the_hash_chain_is_caught()
    {
        // From an independent transcription of the chain documented in docs/fault-sampling.md.
        FaultStreams.Derive(42, FaultKind.StuckOff, 3, 7).ShouldBe(0xBF974FFA20C2A464UL);
        FaultStreams.Derive(0, FaultKind.Pe, -1, -1).ShouldBe(0x8982D08CAA9FA73EUL);
    }

    [Fact]
    public void Every_coordinate_changes_the_stream()
    {
        var seen = new HashSet<ulong>();
        foreach (ulong chip in new ulong[] { 0, 1, 2, ulong.MaxValue })
        {
            foreach (var kind in Enum.GetValues<FaultKind>())
            {
                for (int layer = -1; layer < 20; layer++)
                {
                    for (int tile = -1; tile < 20; tile++)
                    {
                        seen.Add(FaultStreams.Derive(chip, kind, layer, tile)).ShouldBeTrue($"collision at {chip}, {kind}, {layer}, {tile}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Swapping_layer_and_tile_gives_a_different_stream()
    {
        FaultStreams.Derive(5, FaultKind.StuckOn, 2, 9).ShouldNotBe(FaultStreams.Derive(5, FaultKind.StuckOn, 9, 2));
    }

    [Fact]
    public void Neighbouring_streams_look_unrelated()
    {
        // Avalanche: changing the tile by one flips about half of the 64 bits of the first output.
        long flipped = 0;
        const int Pairs = 2000;
        for (int tile = 0; tile < Pairs; tile++)
        {
            var a = new Xoshiro256StarStar(FaultStreams.Derive(7, FaultKind.BitFlip, 0, tile));
            var b = new Xoshiro256StarStar(FaultStreams.Derive(7, FaultKind.BitFlip, 0, tile + 1));
            flipped += (long)ulong.PopCount(a.NextUInt64() ^ b.NextUInt64());
        }

        // 32 flips per pair on average, standard deviation 4 per pair.
        (flipped / (double)Pairs).ShouldBe(32, 4 * 4 / Math.Sqrt(Pairs));
    }
}
