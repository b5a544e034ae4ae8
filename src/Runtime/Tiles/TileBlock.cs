namespace MapDsl.Runtime.Tiles;

/// <summary>The part of a layer's crossbar matrix that one tile holds: rows (inputs) and columns (outputs).</summary>
/// <param name="RowStart">First matrix row held.</param>
/// <param name="RowCount">Matrix rows held.</param>
/// <param name="ColumnStart">First matrix column held.</param>
/// <param name="ColumnCount">Matrix columns held.</param>
public readonly record struct TileBlock(int RowStart, int RowCount, int ColumnStart, int ColumnCount);
