using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>
/// The tile loops of the two-cell schemes: matrix column j of the block lives on cell columns 2j (G+) and 2j+1 (G-).
/// Loops run down a matrix column because the PyTorch layout stores a column's rows contiguously; Write converts
/// weights to conductances with vectors (<see cref="PairBand"/>), bit-identical to the scalar <see cref="SchemeMath"/> reference.
/// </summary>
internal static class PairKernel
{
    public static void Write<TEncoding>(
        CrossbarTile tile, ReadOnlySpan<float> weights, int matrixRows, int rowStart, int rowCount, int colStart, int colCount, double wMax)
        where TEncoding : struct, IPairEncoding
    {
        double k = Prepare<TEncoding>(tile, weights.Length, matrixRows, rowStart, rowCount, colStart, colCount, wMax);
        var grid = new LevelGrid(tile.Spec);
        int stride = tile.Columns;

        // Validate has checked that the block fits the tile and the weights, so bands are written without bounds checks.
        ref double cells = ref MemoryMarshal.GetArrayDataReference(tile.Conductance);

        // One band of tile rows at a time (see RowBand); stuck cells are re-imposed once at the end, O(faults).
        for (int band = 0; band < rowCount; band += RowBand.Rows)
        {
            var rows = new PairBand(
                weights, First: (colStart * matrixRows) + rowStart + band, matrixRows, Rows: Math.Min(RowBand.Rows, rowCount - band),
                colCount, Below: rowCount - band, stride);
            ref double bandCells = ref Unsafe.Add(ref cells, band * stride);
            if (PairBand.UseAvx512)
            {
                rows.WriteAvx512<TEncoding>(k, grid, ref bandCells);
            }
            else if (PairBand.UseAvx)
            {
                rows.WriteAvx<TEncoding>(k, grid, ref bandCells);
            }
            else
            {
                rows.Write<TEncoding>(k, grid, ref bandCells);
            }
        }

        // An odd last cell column never holds a pair, so it is idle too.
        IdleCells.FillOutsideBlock(tile.Conductance, tile.Rows, stride, rowCount, 2 * colCount, stride, TEncoding.Idle(tile.Spec));
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
