using MapDsl.Runtime.Schemes;

namespace MapDsl.Runtime.Tiles;

/// <summary>
/// How a layer's crossbar matrix (one row per input, one column per output) is cut into tiles. Tile (a, b) holds
/// matrix rows from <c>a * TileRows</c> and matrix columns from <c>b * WeightsPerTileRow</c>; the last tile along
/// each direction may be partial. Layouts by scheme:
/// two-column and differential hold C/2 matrix columns per tile, column j on cell columns 2j (G+) and 2j+1 (G-);
/// offset holds C-1 matrix columns on cell columns 0..C-2 and keeps cell column C-1 as the reference column;
/// weight-stationary holds R x C weights, weight (i, j) of the tile on PE (i, j).
/// </summary>
/// <param name="MatrixRows">Rows of the crossbar matrix (layer inputs, Cin*Kh*Kw for a conv).</param>
/// <param name="MatrixColumns">Columns of the crossbar matrix (layer outputs).</param>
/// <param name="TileRows">Cell (or PE) rows of a tile.</param>
/// <param name="TileColumns">Cell (or PE) columns of a tile.</param>
/// <param name="CellsPerWeight">Cells one weight occupies in a tile row.</param>
/// <param name="WeightsPerTileRow">Matrix columns one tile holds.</param>
public readonly record struct TilePlan(
    int MatrixRows, int MatrixColumns, int TileRows, int TileColumns, int CellsPerWeight, int WeightsPerTileRow)
{
    /// <summary>Rows of the crossbar matrix.</summary>
    public int MatrixRows { get; } = AtLeastOne(MatrixRows, nameof(MatrixRows));

    /// <summary>Columns of the crossbar matrix.</summary>
    public int MatrixColumns { get; } = AtLeastOne(MatrixColumns, nameof(MatrixColumns));

    /// <summary>Cell (or PE) rows of a tile.</summary>
    public int TileRows { get; } = AtLeastOne(TileRows, nameof(TileRows));

    /// <summary>Cell (or PE) columns of a tile.</summary>
    public int TileColumns { get; } = AtLeastOne(TileColumns, nameof(TileColumns));

    /// <summary>Cells one weight occupies in a tile row.</summary>
    public int CellsPerWeight { get; } = AtLeastOne(CellsPerWeight, nameof(CellsPerWeight));

    /// <summary>Matrix columns one tile holds.</summary>
    public int WeightsPerTileRow { get; } = AtLeastOne(WeightsPerTileRow, nameof(WeightsPerTileRow));

    /// <summary>Tiles stacked along the matrix rows, <c>ceil(MatrixRows / TileRows)</c>.</summary>
    public int TilesAlongRows => CeilingDivide(MatrixRows, TileRows);

    /// <summary>Tiles side by side along the matrix columns, <c>ceil(MatrixColumns / WeightsPerTileRow)</c>.</summary>
    public int TilesAlongColumns => CeilingDivide(MatrixColumns, WeightsPerTileRow);

    /// <summary>Tiles the layer needs.</summary>
    public int TileCount => checked(TilesAlongRows * TilesAlongColumns);

    /// <summary>The matrix block tile (<paramref name="tileRow"/>, <paramref name="tileColumn"/>) holds.</summary>
    /// <param name="tileRow">Tile index along the matrix rows.</param>
    /// <param name="tileColumn">Tile index along the matrix columns.</param>
    public TileBlock Block(int tileRow, int tileColumn)
    {
        if ((uint)tileRow >= (uint)TilesAlongRows)
        {
            throw new ArgumentOutOfRangeException(nameof(tileRow), tileRow, $"Tile row must be in [0, {TilesAlongRows - 1}], got {tileRow}.");
        }

        if ((uint)tileColumn >= (uint)TilesAlongColumns)
        {
            throw new ArgumentOutOfRangeException(nameof(tileColumn), tileColumn, $"Tile column must be in [0, {TilesAlongColumns - 1}], got {tileColumn}.");
        }

        int rowStart = tileRow * TileRows;
        int columnStart = tileColumn * WeightsPerTileRow;
        return new TileBlock(
            rowStart,
            Math.Min(TileRows, MatrixRows - rowStart),
            columnStart,
            Math.Min(WeightsPerTileRow, MatrixColumns - columnStart));
    }

    /// <summary>
    /// Where weight <paramref name="weight"/> of the layer sits (PyTorch layout: matrix element (r, c) at
    /// <c>c * MatrixRows + r</c>): its tile (row-major over the plan, as <see cref="Block"/> numbers them), the tile row
    /// and the matrix column within the tile's block. The inverse of walking the blocks, for O(1) look-ups of single
    /// weights.
    /// </summary>
    /// <param name="weight">Weight index in [0, MatrixRows * MatrixColumns).</param>
    internal (int Tile, int Row, int BlockColumn) Locate(int weight)
    {
        if ((uint)weight >= (uint)(MatrixRows * MatrixColumns))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"Weight must be in [0, {MatrixRows * MatrixColumns}), got {weight}.");
        }

        int column = weight / MatrixRows;
        int row = weight - (column * MatrixRows);
        int tileRow = row / TileRows;
        int tileColumn = column / WeightsPerTileRow;
        return ((tileRow * TilesAlongColumns) + tileColumn, row - (tileRow * TileRows), column - (tileColumn * WeightsPerTileRow));
    }

    /// <summary>The plan for a matrix of the given size on tiles of the given size under <paramref name="scheme"/>.</summary>
    /// <param name="scheme">How weights become cells.</param>
    /// <param name="matrixRows">Rows of the crossbar matrix.</param>
    /// <param name="matrixColumns">Columns of the crossbar matrix.</param>
    /// <param name="tileRows">Cell (or PE) rows of a tile.</param>
    /// <param name="tileColumns">Cell (or PE) columns of a tile.</param>
    /// <exception cref="ArgumentException">The scheme cannot place a single weight on a tile this narrow.</exception>
    public static TilePlan For(Scheme scheme, int matrixRows, int matrixColumns, int tileRows, int tileColumns)
    {
        AtLeastOne(tileColumns, nameof(tileColumns));
        if (!Enum.IsDefined(scheme))
        {
            throw new ArgumentOutOfRangeException(nameof(scheme), scheme, $"Unknown scheme {(int)scheme}.");
        }

        int cellsPerWeight = Shared.SchemeLayout.CellsPerWeight((int)scheme);
        int weightsPerTileRow = Shared.SchemeLayout.WeightsPerTileRow((int)scheme, tileColumns);

        if (weightsPerTileRow < 1)
        {
            throw new ArgumentException(
                $"A {tileColumns}-column tile cannot hold a weight under the {scheme} scheme: it needs at least 2 cell columns.",
                nameof(tileColumns));
        }

        return new TilePlan(matrixRows, matrixColumns, tileRows, tileColumns, cellsPerWeight, weightsPerTileRow);
    }

    private static int AtLeastOne(int value, string name) => value >= 1
        ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1, got {value}.");

    // default(TilePlan) has zero sizes; report no tiles rather than divide by zero.
    private static int CeilingDivide(int numerator, int denominator) =>
        denominator == 0 ? 0 : numerator / denominator + (numerator % denominator == 0 ? 0 : 1);
}
