using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Faults;

/// <summary>A stuck crossbar cell of one layer.</summary>
/// <param name="Tile">Tile index within the layer.</param>
/// <param name="Row">Cell row (word line) within the tile.</param>
/// <param name="Column">Cell column (bit line) within the tile.</param>
/// <param name="Fault">How the cell is stuck (never <see cref="CellFault.None"/> in a sampled map).</param>
public readonly record struct CellFaultAt(int Tile, int Row, int Column, CellFault Fault);
