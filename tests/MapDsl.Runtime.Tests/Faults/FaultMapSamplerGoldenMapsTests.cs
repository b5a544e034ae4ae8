using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Faults;

/// <summary>
/// Whole fault maps pinned by a checksum, so that speeding up the sampler can never change a map unnoticed. The cases
/// cover every path of the sampler: few faults per stream (linear search), the dictionary, the dense permutation, the
/// comparison sort and the bitmap sort, stuck-on and stuck-off overlapping, bit flips and PEs, on the peer workload's
/// 128 x 128 tiles as well as on small odd-sized ones. The values were computed before the sampler was optimised.
/// </summary>
public sealed class FaultMapSamplerGoldenMapsTests
{
    // The peer workload's layer: 1024 x 1024 on two-column pairs of 128 x 128 tiles (bench.xmap Bench.TwoColumns).
    private static readonly MappingShape PeerWorkload = new("Bench.TwoColumns", 128, 128, false, [new LayerShape("d", 128, 1 << 20, 0)]);

    // Small odd tiles and two quantized layers, so bit flips and coordinates that are not powers of two are covered.
    private static readonly MappingShape Odd = new("Lab.Odd", 37, 53, false, [new LayerShape("a", 5, 700, 6), new LayerShape("b", 3, 90, 8)]);

    public static TheoryData<string, double, double, double, ulong, int, ulong> Cases => new()
    {
        // shape, stuck-on, stuck-off, bit flip, chip, stuck cells, checksum
        { "peer", 0.0005, 0.0005, 0, 1, 2106, 2731294926738905629 },
        { "peer", 0.005, 0.005, 0, 2, 20901, 10032172455656775645 },
        { "peer", 0.05, 0.05, 0, 3, 209753, 12658967189181707608 },
        { "peer", 0.05, 0.05, 0, 4, 209095, 12903529336767777254 },
        { "peer", 0.25, 0.25, 0, 5, 1048290, 17004074128796396889 },
        { "peer", 0.6, 0.3, 0, 6, 1887934, 12925903857106604492 },
        { "peer", 0, 0.1, 0, 7, 210170, 5430308288234752962 },
        { "odd", 0.01, 0.02, 0.01, 8, 479, 16454781713380938394 },
        { "odd", 0.2, 0.1, 0.3, 9, 4748, 5253789271314221896 },
        { "odd", 0.999, 0.0005, 1, 10, 15675, 5871998590409387610 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sampled_maps_are_pinned(string shapeName, double stuckOn, double stuckOff, double bitFlip, ulong chip, int stuckCells, ulong checksum)
    {
        var shape = shapeName == "peer" ? PeerWorkload : Odd;
        var map = FaultMapSampler.Sample(shape, new FaultRates(stuckOn, stuckOff, bitFlip, 0), chip);
        (map.CellFaultCount, Checksum(map)).ShouldBe((stuckCells, checksum));
    }

    [Fact]
    public void Bypassed_pes_are_pinned()
    {
        var shape = new MappingShape("Lab.Array", 128, 128, true, [new LayerShape("a", 1, 100, 0)]);
        var few = FaultMapSampler.Sample(shape, new FaultRates(0, 0, 0, 0.001), 11).BypassedPes;
        var many = FaultMapSampler.Sample(shape, new FaultRates(0, 0, 0, 0.2), 11).BypassedPes;
        (few.Count, Checksum(few), many.Count, Checksum(many)).ShouldBe((15, 16310002209961986320UL, 3255, 12135691790848451557UL));
    }

    private static ulong Checksum(List<PeAt> pes) => Checksum(pes.Select(pe => ((ulong)pe.Row << 32) | (uint)pe.Column));

    // Order-sensitive, so a change of order (the lists are sorted) is caught as well as a change of content.
    private static ulong Checksum(FaultMap map) => Checksum(map.Layers.SelectMany(layer =>
        layer.Cells.Select(c => ((ulong)c.Tile << 40) ^ ((ulong)c.Row << 24) ^ ((ulong)c.Column << 4) ^ (ulong)c.Fault)
            .Concat(layer.BitFlips.Select(f => ((ulong)f.Weight << 8) ^ (ulong)f.Bit ^ (1UL << 63)))));

    private static ulong Checksum(IEnumerable<ulong> values)
    {
        ulong hash = 0xCBF29CE484222325;
        foreach (ulong value in values)
        {
            hash = (hash ^ value) * 0x100000001B3;
            hash ^= hash >> 29;
        }

        return hash;
    }
}
