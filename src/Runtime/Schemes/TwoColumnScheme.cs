using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>
/// The two-column scheme on a crossbar tile: two cells per weight, G+ = G_off + k w for w &gt; 0, G- = G_off - k w for w &lt; 0,
/// the other cell at G_off.
/// Layout: a tile of R x C cells holds R matrix rows and C/2 matrix columns; matrix column j of the block sits on
/// cell columns 2j (G+) and 2j+1 (G-). Read back is <c>(G+ - G-) / k</c>.
/// </summary>
public static class TwoColumnScheme
{
    /// <summary>Cells one weight occupies.</summary>
    public const int CellsPerWeight = 2;

    /// <summary>Conductance of unused cells: G_off, like a zero weight, so an idle pair reads 0 and draws the least current.</summary>
    /// <param name="spec">The tile's conductance range.</param>
    public static double IdleConductance(CrossbarSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.GOff;
    }

    /// <summary>
    /// Programs <paramref name="tile"/> with the matrix block [rowStart, rowStart + rowCount) x [colStart, colStart + colCount):
    /// each conductance quantized to the spec's levels, every other cell at the idle conductance, then faults re-imposed.
    /// Weights beyond ±<paramref name="wMax"/> saturate at the end of the conductance range.
    /// </summary>
    /// <param name="tile">Tile to program.</param>
    /// <param name="weights">The layer's weights in PyTorch layout: element (r, c) at <c>c * matrixRows + r</c>.</param>
    /// <param name="matrixRows">Rows of the layer's crossbar matrix.</param>
    /// <param name="rowStart">First matrix row of the block; it lands on tile row 0.</param>
    /// <param name="rowCount">Matrix rows in the block; at most the tile's rows.</param>
    /// <param name="colStart">First matrix column of the block; it lands on cell columns 0 and 1.</param>
    /// <param name="colCount">Matrix columns in the block; at most half the tile's columns.</param>
    /// <param name="wMax">The layer's largest |w|, which sets the scale k.</param>
    public static void Write(
        CrossbarTile tile, ReadOnlySpan<float> weights, int matrixRows, int rowStart, int rowCount, int colStart, int colCount, double wMax) =>
        PairKernel.Write<TwoColumnEncoding>(tile, weights, matrixRows, rowStart, rowCount, colStart, colCount, wMax);

    /// <summary>
    /// Writes the weights the tile effectively holds (faults and quantization included) into the same positions of
    /// <paramref name="weights"/> that <see cref="Write"/> read them from; nothing outside the block is touched.
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
        CrossbarTile tile, Span<float> weights, int matrixRows, int rowStart, int rowCount, int colStart, int colCount, double wMax) =>
        PairKernel.Read<TwoColumnEncoding>(tile, weights, matrixRows, rowStart, rowCount, colStart, colCount, wMax);
}
