using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Contract;

/// <summary>
/// One programmed chip of a mapping (the generated <c>State</c>): its tiles, with their faults, and the digital parts.
/// Only the mapping that made a chip can program, fault or read it back.
/// </summary>
public interface IChip
{
    /// <summary>The mapping whose chip this is.</summary>
    IMapping Mapping { get; }
}

/// <summary>A chip of crossbar tiles: what the O(faults) evaluation reads.</summary>
public interface ICrossbarChip : IChip
{
    /// <summary>Every layer's tiles, plan, scheme and w_max (the chip's own objects, not copies).</summary>
    IReadOnlyList<MappedLayer> MappedLayers { get; }

    /// <summary>Every tile, layer by layer.</summary>
    IEnumerable<CrossbarTile> AllTiles { get; }
}

/// <summary>A chip of one systolic array, its tiles stationed on it in turn.</summary>
public interface ISystolicChip : IChip
{
    /// <summary>The bypassed PEs of the array, shared by every tile.</summary>
    PeFaultMap PeFaults { get; }

    /// <summary>Every tile, layer by layer.</summary>
    IEnumerable<SystolicTile> AllTiles { get; }
}
