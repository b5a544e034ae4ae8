using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>
/// The tile loops of the two-cell schemes: matrix column j of the block lives on cell columns 2j (G+) and 2j+1 (G-).
/// Loops run down a matrix column because the PyTorch layout stores a column's rows contiguously; Write converts
/// weights to conductances with <see cref="Vector{T}"/>, bit-identical to the scalar <see cref="SchemeMath"/> reference.
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
        Span<double> plus = stackalloc double[RowBand.Rows];
        Span<double> minus = stackalloc double[RowBand.Rows];

        // Validate has checked that the block fits the tile, so the pairs are stored without bounds checks.
        ref double cells = ref MemoryMarshal.GetArrayDataReference(tile.Conductance);

        // A matrix column is contiguous in the weights and runs down two cell columns of the tile: convert a band of
        // its rows with vectors, then place each pair in its row. The band keeps the tile rows being written in the
        // L1 cache (see RowBand). Stuck cells are re-imposed once at the end, O(faults).
        for (int band = 0; band < rowCount; band += RowBand.Rows)
        {
            int rows = Math.Min(RowBand.Rows, rowCount - band);
            for (int j = 0; j < colCount; j++)
            {
                int first = (colStart + j) * matrixRows + rowStart + band;
                RowBand.PrefetchNext(weights, first, rowCount - band);
                ReadOnlySpan<float> part = weights.Slice(first, rows);
                Conductances<TEncoding>(part, k, grid, plus, minus);
                ref double pair = ref Unsafe.Add(ref cells, (band * stride) + (2 * j));
                for (int i = 0; i < rows; i++)
                {
                    Vector128.Create(plus[i], minus[i]).StoreUnsafe(ref pair);
                    pair = ref Unsafe.Add(ref pair, stride);
                }
            }
        }

        // An odd last cell column never holds a pair, so it is idle too.
        IdleCells.FillOutsideBlock(tile.Conductance, tile.Rows, stride, rowCount, 2 * colCount, stride, TEncoding.Idle(tile.Spec));
        tile.ReapplyFaults();
    }

    /// <summary>
    /// The quantized (G+, G-) of each weight into <paramref name="plus"/> and <paramref name="minus"/>, equal to the
    /// scalar reference <c>spec.Quantize(TEncoding.Pair(w, k, spec))</c>: whole vectors quantize only the cell the
    /// weight moves (the other one rests at <see cref="IPairEncoding.Idle"/>, an end level that quantizes to itself),
    /// the last few weights go through the scalar reference itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Conductances<TEncoding>(ReadOnlySpan<float> weights, double k, in LevelGrid grid, Span<double> plus, Span<double> minus)
        where TEncoding : struct, IPairEncoding
    {
        int width = Vector<float>.Count;
        int half = Vector<double>.Count;
        var scale = new Vector<double>(k);
        var rest = new Vector<double>(TEncoding.Idle(grid.Spec));
        int i = 0;
        for (; i <= weights.Length - width; i += width)
        {
            Vector.Widen(new Vector<float>(weights.Slice(i)), out Vector<double> low, out Vector<double> high);
            Place<TEncoding>(low, scale, rest, grid, plus.Slice(i), minus.Slice(i));
            Place<TEncoding>(high, scale, rest, grid, plus.Slice(i + half), minus.Slice(i + half));
        }

        CrossbarSpec spec = grid.Spec;
        for (; i < weights.Length; i++)
        {
            (double gPlus, double gMinus) = TEncoding.Pair(weights[i], k, spec);
            plus[i] = spec.Quantize(gPlus);
            minus[i] = spec.Quantize(gMinus);
        }
    }

    // One vector of weights: the moved cell quantized, the resting one at its level; w >= 0 picks which is which
    // (a NaN weight compares false and takes the w < 0 side, as in the scalar formulas).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Place<TEncoding>(
        Vector<double> w, Vector<double> scale, Vector<double> rest, in LevelGrid grid, Span<double> plus, Span<double> minus)
        where TEncoding : struct, IPairEncoding
    {
        Vector<long> positive = Vector.GreaterThanOrEqual(w, Vector<double>.Zero);
        Vector<double> moved = grid.Quantize(TEncoding.Moved(scale * Vector.Abs(w), grid));
        Vector<double> onPositive = TEncoding.PositiveOnPlus ? moved : rest;
        Vector<double> onNegative = TEncoding.PositiveOnPlus ? rest : moved;
        Vector.ConditionalSelect(positive, onPositive, onNegative).CopyTo(plus);
        Vector.ConditionalSelect(positive, onNegative, onPositive).CopyTo(minus);
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
