using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>
/// One band of tile rows of a two-cell block: for each of its <paramref name="ColumnCount"/> matrix columns, the
/// <paramref name="Rows"/> weights from <c>First + j * MatrixRows</c> become the pairs (G+, G-) on cell columns 2j and
/// 2j + 1 of the band's rows. Every pair equals <c>spec.Quantize</c> of the scalar <c>TEncoding.Pair</c>: vectors
/// quantize only the cell a weight moves (the other rests at <see cref="IPairEncoding.Idle"/>, an end level that
/// quantizes to itself; a NaN weight compares false and takes the w &lt; 0 side, as in the scalar formulas), and the
/// last rows of a column that do not fill a vector go through the scalar reference itself.
/// </summary>
/// <param name="Weights">The layer's weights, PyTorch layout.</param>
/// <param name="First">Index of the band's first weight in matrix column 0 of the block.</param>
/// <param name="MatrixRows">Rows of the layer's matrix: the distance between two matrix columns.</param>
/// <param name="Rows">Rows of the band.</param>
/// <param name="ColumnCount">Matrix columns of the block.</param>
/// <param name="Below">Rows of the block from the band's first down, for prefetching the next band.</param>
/// <param name="Stride">Cell columns of the tile.</param>
internal readonly ref partial struct PairBand(
    ReadOnlySpan<float> Weights, int First, int MatrixRows, int Rows, int ColumnCount, int Below, int Stride)
{
    private readonly ReadOnlySpan<float> _weights = Weights;

    /// <summary>
    /// Whether <see cref="WriteAvx"/> runs (AVX2, 4-lane <see cref="Vector{T}"/>). Tests switch it off to check the
    /// portable path against the same reference; both give the same bits, so switching is safe at any time.
    /// </summary>
    public static bool UseAvx { get; set; } = Avx2.IsSupported && Vector<double>.Count == 4;

    /// <summary>Portable: each column's band converted with <see cref="Vector{T}"/> into a buffer, then placed row by row.</summary>
    public void Write<TEncoding>(double k, in LevelGrid grid, ref double band)
        where TEncoding : struct, IPairEncoding
    {
        Span<double> plus = stackalloc double[RowBand.Rows];
        Span<double> minus = stackalloc double[RowBand.Rows];
        for (int j = 0; j < ColumnCount; j++)
        {
            int start = First + (j * MatrixRows);
            RowBand.PrefetchNext(_weights, start, Below);
            Conductances<TEncoding>(_weights.Slice(start, Rows), k, grid, plus, minus);
            ref double pair = ref Unsafe.Add(ref band, 2 * j);
            for (int i = 0; i < Rows; i++)
            {
                Vector128.Create(plus[i], minus[i]).StoreUnsafe(ref pair);
                pair = ref Unsafe.Add(ref pair, Stride);
            }
        }
    }

    /// <summary>
    /// AVX2: four rows of a column at a time in registers, their pairs interleaved with two unpacks and stored one
    /// 16-byte pair per row.
    /// </summary>
    public void WriteAvx<TEncoding>(double k, in LevelGrid grid, ref double band)
        where TEncoding : struct, IPairEncoding
    {
        var scale = new Vector<double>(k);
        var rest = new Vector<double>(TEncoding.Idle(grid.Spec));
        CrossbarSpec spec = grid.Spec;
        ref float weights = ref MemoryMarshal.GetReference(_weights);
        for (int j = 0; j < ColumnCount; j++)
        {
            int start = First + (j * MatrixRows);
            RowBand.PrefetchNext(_weights, start, Below);
            ref float column = ref Unsafe.Add(ref weights, start);
            ref double pair = ref Unsafe.Add(ref band, 2 * j);
            int i = 0;
            for (; i <= Rows - 4; i += 4)
            {
                Vector<double> w = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref column, (nuint)i)).AsVector();
                (Vector<double> gPlus, Vector<double> gMinus) = Pair<TEncoding>(w, scale, rest, grid);
                Vector256<double> low = Avx.UnpackLow(gPlus.AsVector256(), gMinus.AsVector256());
                Vector256<double> high = Avx.UnpackHigh(gPlus.AsVector256(), gMinus.AsVector256());
                low.GetLower().StoreUnsafe(ref pair);
                high.GetLower().StoreUnsafe(ref Unsafe.Add(ref pair, Stride));
                low.GetUpper().StoreUnsafe(ref Unsafe.Add(ref pair, 2 * Stride));
                high.GetUpper().StoreUnsafe(ref Unsafe.Add(ref pair, 3 * Stride));
                pair = ref Unsafe.Add(ref pair, 4 * Stride);
            }

            ScalarRows<TEncoding>(ref column, i, ref pair, k, spec);
        }
    }

    /// <summary>
    /// Rows <paramref name="from"/> to the band's end of one column through the scalar reference, for the rows a
    /// vector does not fill; <paramref name="pair"/> is the pair of row <paramref name="from"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ScalarRows<TEncoding>(ref float column, int from, ref double pair, double k, CrossbarSpec spec)
        where TEncoding : struct, IPairEncoding
    {
        for (int i = from; i < Rows; i++)
        {
            (double gPlus, double gMinus) = TEncoding.Pair(Unsafe.Add(ref column, i), k, spec);
            Vector128.Create(spec.Quantize(gPlus), spec.Quantize(gMinus)).StoreUnsafe(ref pair);
            pair = ref Unsafe.Add(ref pair, Stride);
        }
    }

    /// <summary>
    /// The quantized (G+, G-) of each weight into <paramref name="plus"/> and <paramref name="minus"/>: whole vectors
    /// through <see cref="Pair"/>, the last few weights through the scalar reference.
    /// </summary>
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
            (Vector<double> lowPlus, Vector<double> lowMinus) = Pair<TEncoding>(low, scale, rest, grid);
            (Vector<double> highPlus, Vector<double> highMinus) = Pair<TEncoding>(high, scale, rest, grid);
            lowPlus.CopyTo(plus.Slice(i));
            lowMinus.CopyTo(minus.Slice(i));
            highPlus.CopyTo(plus.Slice(i + half));
            highMinus.CopyTo(minus.Slice(i + half));
        }

        CrossbarSpec spec = grid.Spec;
        for (; i < weights.Length; i++)
        {
            (double gPlus, double gMinus) = TEncoding.Pair(weights[i], k, spec);
            plus[i] = spec.Quantize(gPlus);
            minus[i] = spec.Quantize(gMinus);
        }
    }

    // One vector of weights: the moved cell quantized, the resting one at its level; w >= 0 picks which is which.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<double> GPlus, Vector<double> GMinus) Pair<TEncoding>(
        Vector<double> w, Vector<double> scale, Vector<double> rest, in LevelGrid grid)
        where TEncoding : struct, IPairEncoding
    {
        Vector<long> positive = Vector.GreaterThanOrEqual(w, Vector<double>.Zero);
        Vector<double> moved = grid.Quantize(TEncoding.Moved(scale * Vector.Abs(w), grid));
        Vector<double> onPositive = TEncoding.PositiveOnPlus ? moved : rest;
        Vector<double> onNegative = TEncoding.PositiveOnPlus ? rest : moved;
        return (Vector.ConditionalSelect(positive, onPositive, onNegative), Vector.ConditionalSelect(positive, onNegative, onPositive));
    }
}
