using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>
/// The tile loops of the two-cell schemes: matrix column j of the block lives on cell columns 2j (G+) and 2j+1 (G-).
/// Loops run down a matrix column because the PyTorch layout stores a column's rows contiguously.
/// </summary>
internal static class PairKernel
{
    public static void Write<TEncoding>(
        CrossbarTile tile, ReadOnlySpan<float> weights, int matrixRows, int rowStart, int rowCount, int colStart, int colCount, double wMax)
        where TEncoding : struct, IPairEncoding
    {
        double k = Prepare<TEncoding>(tile, weights.Length, matrixRows, rowStart, rowCount, colStart, colCount, wMax);
        CrossbarSpec spec = tile.Spec;
        Span<double> cells = tile.Conductance;
        int stride = tile.Columns;

        for (int j = 0; j < colCount; j++)
        {
            ReadOnlySpan<float> column = weights.Slice((colStart + j) * matrixRows + rowStart, rowCount);
            for (int i = 0, cell = 2 * j; i < column.Length; i++, cell += stride)
            {
                (double gPlus, double gMinus) = TEncoding.Pair(column[i], k, spec);
                cells[cell] = spec.Quantize(gPlus);
                cells[cell + 1] = spec.Quantize(gMinus);
            }
        }

        // An odd last cell column never holds a pair, so it is idle too.
        IdleCells.FillOutsideBlock(cells, tile.Rows, stride, rowCount, 2 * colCount, stride, TEncoding.Idle(spec));
        tile.ReapplyFaults();
    }

    public static void Read<TEncoding>(
        CrossbarTile tile, Span<float> weights, int matrixRows, int rowStart, int rowCount, int colStart, int colCount, double wMax)
        where TEncoding : struct, IPairEncoding
    {
        double k = Prepare<TEncoding>(tile, weights.Length, matrixRows, rowStart, rowCount, colStart, colCount, wMax);
        ReadOnlySpan<double> cells = tile.Conductance;
        int stride = tile.Columns;

        for (int j = 0; j < colCount; j++)
        {
            Span<float> column = weights.Slice((colStart + j) * matrixRows + rowStart, rowCount);
            for (int i = 0, cell = 2 * j; i < column.Length; i++, cell += stride)
            {
                column[i] = (float)SchemeMath.ReadPair(cells[cell], cells[cell + 1], k);
            }
        }
    }

    private static double Prepare<TEncoding>(
        CrossbarTile tile, int weightsLength, int matrixRows, int rowStart, int rowCount, int colStart, int colCount, double wMax)
        where TEncoding : struct, IPairEncoding
    {
        ArgumentNullException.ThrowIfNull(tile);
        BlockArguments.Validate(
            TEncoding.Name, tile.Rows, tile.Columns, tile.Columns / 2, weightsLength, matrixRows, rowStart, rowCount, colStart, colCount);
        return SchemeMath.Scale(wMax, tile.Spec);
    }
}
