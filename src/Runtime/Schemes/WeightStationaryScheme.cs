using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>
/// Weight-stationary mapping on a systolic array of R x C PEs: a tile holds an R x C block of the crossbar matrix,
/// weight (i, j) of the block on PE (i, j), which is PE (i mod R, j mod C) of the layer. Weights are stored exactly;
/// a bypassed PE contributes 0 at read back. Unused PEs hold 0.
/// </summary>
public static class WeightStationaryScheme
{
    /// <summary>
    /// Loads the matrix block [rowStart, rowStart + rowCount) x [colStart, colStart + colCount) onto the PEs of
    /// <paramref name="tile"/>, 0 on every other PE. Bypassed PEs are loaded too; they are skipped at read back.
    /// </summary>
    /// <param name="tile">Tile to load.</param>
    /// <param name="weights">The layer's weights in PyTorch layout: element (r, c) at <c>c * matrixRows + r</c>.</param>
    /// <param name="matrixRows">Rows of the layer's crossbar matrix.</param>
    /// <param name="rowStart">First matrix row of the block; it lands on PE row 0.</param>
    /// <param name="rowCount">Matrix rows in the block; at most the array's rows.</param>
    /// <param name="colStart">First matrix column of the block; it lands on PE column 0.</param>
    /// <param name="colCount">Matrix columns in the block; at most the array's columns.</param>
    public static void Write(
        SystolicTile tile, ReadOnlySpan<float> weights, int matrixRows, int rowStart, int rowCount, int colStart, int colCount)
    {
        Validate(tile, weights.Length, matrixRows, rowStart, rowCount, colStart, colCount);
        Span<float> pes = tile.Weights;
        int stride = tile.Columns;

        for (int j = 0; j < colCount; j++)
        {
            ReadOnlySpan<float> column = weights.Slice((colStart + j) * matrixRows + rowStart, rowCount);
            for (int i = 0, pe = j; i < column.Length; i++, pe += stride)
            {
                pes[pe] = column[i];
            }
        }

        IdleCells.FillOutsideBlock(pes, tile.Rows, stride, rowCount, colCount, stride, 0f);
    }

    /// <summary>
    /// Writes the weights the array effectively applies (0 where the PE is bypassed) into the same positions of
    /// <paramref name="weights"/> that <see cref="Write"/> read them from; nothing else is touched.
    /// </summary>
    /// <param name="tile">Tile to read.</param>
    /// <param name="weights">The layer's weight array, PyTorch layout.</param>
    /// <param name="matrixRows">Rows of the layer's crossbar matrix.</param>
    /// <param name="rowStart">First matrix row of the block.</param>
    /// <param name="rowCount">Matrix rows in the block.</param>
    /// <param name="colStart">First matrix column of the block.</param>
    /// <param name="colCount">Matrix columns in the block.</param>
    public static void Read(
        SystolicTile tile, Span<float> weights, int matrixRows, int rowStart, int rowCount, int colStart, int colCount)
    {
        Validate(tile, weights.Length, matrixRows, rowStart, rowCount, colStart, colCount);
        ReadOnlySpan<float> pes = tile.Weights;
        ReadOnlySpan<bool> bypassed = tile.PeFaults.Mask;
        int stride = tile.Columns;

        for (int j = 0; j < colCount; j++)
        {
            Span<float> column = weights.Slice((colStart + j) * matrixRows + rowStart, rowCount);
            for (int i = 0, pe = j; i < column.Length; i++, pe += stride)
            {
                column[i] = bypassed[pe] ? 0f : pes[pe];
            }
        }
    }

    private static void Validate(
        SystolicTile tile, int weightsLength, int matrixRows, int rowStart, int rowCount, int colStart, int colCount)
    {
        ArgumentNullException.ThrowIfNull(tile);
        BlockArguments.Validate(
            "weight-stationary", tile.Rows, tile.Columns, tile.Columns, weightsLength, matrixRows, rowStart, rowCount, colStart, colCount);
    }
}
