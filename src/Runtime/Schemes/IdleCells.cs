namespace MapDsl.Runtime.Schemes;

/// <summary>Writes a scheme's idle value into the cells a tile does not use, beyond the edge of its matrix block.</summary>
internal static class IdleCells
{
    /// <summary>
    /// Fills, within the first <paramref name="dataColumns"/> cell columns of each row, everything right of the
    /// block's <paramref name="usedColumns"/> cells in its <paramref name="usedRows"/> rows and all of the rows below.
    /// </summary>
    public static void FillOutsideBlock<T>(
        Span<T> cells, int rows, int stride, int usedRows, int usedColumns, int dataColumns, T idle)
    {
        int unusedWidth = dataColumns - usedColumns;
        if (unusedWidth > 0)
        {
            for (int row = 0, start = usedColumns; row < usedRows; row++, start += stride)
            {
                cells.Slice(start, unusedWidth).Fill(idle);
            }
        }

        for (int row = usedRows, start = usedRows * stride; row < rows; row++, start += stride)
        {
            cells.Slice(start, dataColumns).Fill(idle);
        }
    }
}
