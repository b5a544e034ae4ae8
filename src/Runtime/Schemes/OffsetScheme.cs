using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>
/// The offset scheme on a crossbar tile: one cell per weight at <c>G_off + k (w + w_max) / 2</c>, read back as
/// <c>2 (G - G_ref) / k</c>. Layout: a tile of R x C cells holds R matrix rows and C - 1 matrix columns on cell
/// columns 0..C-2; cell column C-1 is the reference column, every cell of it programmed to exactly
/// G_ref = (G_off + G_on) / 2 without quantization because it is a dedicated reference device. The reference current
/// is subtracted per row input, so each weight is read against its own row's reference cell and a stuck reference
/// cell shifts that whole row.
/// </summary>
public static class OffsetScheme
{
    /// <summary>Cells one weight occupies (the reference column is shared by the tile).</summary>
    public const int CellsPerWeight = 1;

    /// <summary>
    /// Conductance of unused cells: the mid conductance exactly (a zero weight before quantization), so an idle cell
    /// reads 0 against a healthy reference.
    /// </summary>
    /// <param name="spec">The tile's conductance range.</param>
    public static double IdleConductance(CrossbarSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Mid;
    }

    /// <summary>Conductance of every reference cell, <c>(G_off + G_on) / 2</c>.</summary>
    /// <param name="spec">The tile's conductance range.</param>
    public static double ReferenceConductance(CrossbarSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Mid;
    }

    /// <summary>Cell column that holds the reference devices: the tile's last column.</summary>
    /// <param name="spec">The tile's size.</param>
    public static int ReferenceColumn(CrossbarSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Shared.SchemeLayout.ReferenceColumn(Shared.SchemeLayout.Offset, spec.Columns);
    }

    /// <summary>
    /// Programs <paramref name="tile"/> with the matrix block [rowStart, rowStart + rowCount) x [colStart, colStart + colCount):
    /// data cells quantized to the spec's levels, unused data cells at the mid conductance, the reference column at
    /// exactly G_ref, then faults re-imposed. Weights beyond ±<paramref name="wMax"/> saturate at G_off or G_on.
    /// </summary>
    /// <param name="tile">Tile to program.</param>
    /// <param name="weights">The layer's weights in PyTorch layout: element (r, c) at <c>c * matrixRows + r</c>.</param>
    /// <param name="matrixRows">Rows of the layer's crossbar matrix.</param>
    /// <param name="rowStart">First matrix row of the block; it lands on tile row 0.</param>
    /// <param name="rowCount">Matrix rows in the block; at most the tile's rows.</param>
    /// <param name="colStart">First matrix column of the block; it lands on cell column 0.</param>
    /// <param name="colCount">Matrix columns in the block; at most the tile's columns minus one.</param>
    /// <param name="wMax">The layer's largest |w|, which sets the scale k and the offset.</param>
    public static void Write(
        CrossbarTile tile, ReadOnlySpan<float> weights, int matrixRows, int rowStart, int rowCount, int colStart, int colCount, double wMax)
    {
        double k = Prepare(tile, weights.Length, matrixRows, rowStart, rowCount, colStart, colCount, wMax);
        CrossbarSpec spec = tile.Spec;
        var grid = new LevelGrid(spec);
        double offset = SchemeMath.EffectiveWMax(wMax);
        Span<double> cells = tile.Conductance;
        int stride = tile.Columns;
        int referenceColumn = stride - 1;
        Span<double> converted = stackalloc double[RowBand.Rows];

        // Validate has checked that the block fits the tile, so the cells are stored without bounds checks.
        ref double first = ref MemoryMarshal.GetArrayDataReference(tile.Conductance);

        // Matrix column j runs down cell column j: convert a band of its rows with vectors, then place each cell in
        // its row, one band of tile rows at a time (see RowBand).
        for (int band = 0; band < rowCount; band += RowBand.Rows)
        {
            int rows = Math.Min(RowBand.Rows, rowCount - band);
            for (int j = 0; j < colCount; j++)
            {
                int start = (colStart + j) * matrixRows + rowStart + band;
                RowBand.PrefetchNext(weights, start, rowCount - band);
                OffsetCells.Convert(weights.Slice(start, rows), offset, k, grid, converted);
                ref double cell = ref Unsafe.Add(ref first, (band * stride) + j);
                for (int i = 0; i < rows; i++)
                {
                    cell = converted[i];
                    cell = ref Unsafe.Add(ref cell, stride);
                }
            }
        }

        IdleCells.FillOutsideBlock(cells, tile.Rows, stride, rowCount, colCount, referenceColumn, spec.Mid);
        for (int cell = referenceColumn; cell < cells.Length; cell += stride)
        {
            cells[cell] = spec.Mid;
        }

        tile.ReapplyFaults();
    }

    /// <summary>
    /// Writes the weights the tile effectively holds (faults, reference faults and quantization included) into the
    /// same positions of <paramref name="weights"/> that <see cref="Write"/> read them from; nothing else is touched.
    /// </summary>
    /// <param name="tile">Tile to read.</param>
    /// <param name="weights">The layer's weight array, PyTorch layout.</param>
    /// <param name="matrixRows">Rows of the layer's crossbar matrix.</param>
    /// <param name="rowStart">First matrix row of the block.</param>
    /// <param name="rowCount">Matrix rows in the block.</param>
    /// <param name="colStart">First matrix column of the block.</param>
    /// <param name="colCount">Matrix columns in the block.</param>
    /// <param name="wMax">The w_max the tile was written with.</param>
    public static void Read(
        CrossbarTile tile, Span<float> weights, int matrixRows, int rowStart, int rowCount, int colStart, int colCount, double wMax)
    {
        double k = Prepare(tile, weights.Length, matrixRows, rowStart, rowCount, colStart, colCount, wMax);
        ReadOnlySpan<double> cells = tile.Conductance;
        int stride = tile.Columns;

        for (int j = 0; j < colCount; j++)
        {
            Span<float> column = weights.Slice((colStart + j) * matrixRows + rowStart, rowCount);
            for (int i = 0, cell = j, reference = stride - 1; i < column.Length; i++, cell += stride, reference += stride)
            {
                column[i] = (float)SchemeMath.ReadOffset(cells[cell], cells[reference], k);
            }
        }
    }

    private static double Prepare(
        CrossbarTile tile, int weightsLength, int matrixRows, int rowStart, int rowCount, int colStart, int colCount, double wMax)
    {
        ArgumentNullException.ThrowIfNull(tile);
        BlockArguments.Validate(
            "offset", tile.Rows, tile.Columns, tile.Columns - 1, weightsLength, matrixRows, rowStart, rowCount, colStart, colCount);
        return SchemeMath.Scale(wMax, tile.Spec);
    }
}
