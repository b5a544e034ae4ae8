using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Faults;

/// <summary>Shapes for the sampler tests. Rows and columns differ so a swapped coordinate cannot go unnoticed.</summary>
internal static class TestShapes
{
    public static MappingShape Crossbar { get; } = new(
        "Lab.OnCrossbar",
        TileRows: 32,
        TileColumns: 48,
        IsSystolic: false,
        [new LayerShape("conv1", TileCount: 3, WeightCount: 300, Bits: 8), new LayerShape("fc", TileCount: 2, WeightCount: 200, Bits: 8)]);

    public static MappingShape Systolic { get; } = new(
        "Lab.OnSystolic",
        TileRows: 24,
        TileColumns: 40,
        IsSystolic: true,
        [new LayerShape("conv1", TileCount: 4, WeightCount: 250, Bits: 6), new LayerShape("fc", TileCount: 1, WeightCount: 120, Bits: 6)]);

    /// <summary>Cells over all tiles of the crossbar shape.</summary>
    public static long CrossbarCells => Crossbar.CellsPerTile * Crossbar.Layers.Sum(l => l.TileCount);

    /// <summary>Stored bits over all layers of a shape.</summary>
    public static long Bits(MappingShape shape) => shape.Layers.Sum(l => l.BitCount);

    public static IEnumerable<CellFaultAt> Cells(FaultMap map, CellFault fault) =>
        map.Layers.SelectMany(l => l.Cells).Where(c => c.Fault == fault);

    /// <summary>Every fault of a kind as comparable keys, for subset checks.</summary>
    public static HashSet<(int, int, int, int)> Keys(FaultMap map, CellFault fault) =>
        map.Layers.SelectMany((l, i) => l.Cells.Where(c => c.Fault == fault).Select(c => (i, c.Tile, c.Row, c.Column))).ToHashSet();
}
