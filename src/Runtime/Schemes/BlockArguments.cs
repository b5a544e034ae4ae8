namespace MapDsl.Runtime.Schemes;

/// <summary>
/// Checks shared by every tile kernel: the matrix block must fit the tile and the weight array, so that the
/// kernels' unchecked-looking loops can only ever touch their own block.
/// </summary>
internal static class BlockArguments
{
    public static void Validate(
        string scheme,
        int tileRows,
        int tileColumns,
        int weightsPerTileRow,
        int weightsLength,
        int matrixRows,
        int rowStart,
        int rowCount,
        int colStart,
        int colCount)
    {
        if (weightsPerTileRow < 1)
        {
            throw new ArgumentException(
                $"A {tileColumns}-column tile cannot hold a weight under the {scheme} scheme: it needs at least 2 cell columns.",
                "tile");
        }

        if (matrixRows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(matrixRows), matrixRows, $"matrixRows must be at least 1, got {matrixRows}.");
        }

        if (rowStart < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowStart), rowStart, $"rowStart must be non-negative, got {rowStart}.");
        }

        if (colStart < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(colStart), colStart, $"colStart must be non-negative, got {colStart}.");
        }

        if (rowCount < 1 || rowCount > tileRows)
        {
            throw new ArgumentOutOfRangeException(
                nameof(rowCount), rowCount, $"rowCount must be in [1, {tileRows}] because the tile has {tileRows} rows, got {rowCount}.");
        }

        if (colCount < 1 || colCount > weightsPerTileRow)
        {
            throw new ArgumentOutOfRangeException(
                nameof(colCount),
                colCount,
                $"colCount must be in [1, {weightsPerTileRow}] because a {scheme} tile of {tileColumns} cell columns holds {weightsPerTileRow} matrix columns, got {colCount}.");
        }

        if ((long)rowStart + rowCount > matrixRows)
        {
            throw new ArgumentOutOfRangeException(
                nameof(rowCount), rowCount, $"Block rows [{rowStart}, {(long)rowStart + rowCount}) run past the matrix's {matrixRows} rows.");
        }

        long needed = ((long)colStart + colCount) * matrixRows;
        if (weightsLength < needed)
        {
            throw new ArgumentException(
                $"The weight array holds {weightsLength} values, but matrix columns up to {(long)colStart + colCount} of a {matrixRows}-row matrix need {needed}.",
                "weights");
        }
    }
}
