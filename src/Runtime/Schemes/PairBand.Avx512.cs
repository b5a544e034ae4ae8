using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>
/// The AVX-512 band kernel. Two matrix columns and eight rows at a time: twice the weights per instruction of the
/// AVX2 kernel, and each row gets one 32-byte store holding both columns' pairs instead of two 16-byte stores. The
/// stores to scattered rows bound the AVX2 kernel more than its division (a 1024 x 1024 layer, measured: 2.3 ms;
/// without the division 2.2 ms; with 32-byte stores 1.9 ms; with 64-byte stores, four columns, no faster than 32).
/// </summary>
internal readonly ref partial struct PairBand
{
    /// <summary>Rows one AVX-512 vector of weights covers.</summary>
    private const int WideRows = 8;

    // Pick the 128-bit lanes (one row's pair each) of two unpacked columns so that the same row of both columns
    // ends up side by side: rows 0 and 2 (or 1 and 3 from the odd-row unpack) in the first pattern, 4 and 6 (5 and 7)
    // in the second.
    private static readonly Vector512<long> FirstRowsOfBoth = Vector512.Create(0L, 1, 8, 9, 2, 3, 10, 11);
    private static readonly Vector512<long> LastRowsOfBoth = Vector512.Create(4L, 5, 12, 13, 6, 7, 14, 15);

    /// <summary>
    /// Whether <see cref="WriteAvx512"/> runs: AVX-512 present and not slowed down by it (the runtime's judgement).
    /// Tests switch it off to check the other paths against the same reference; every path gives the same bits.
    /// </summary>
    public static bool UseAvx512 { get; set; } = Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>
    /// AVX-512: the band's columns two by two, eight rows of both at once. Rows that do not fill eight, and the last
    /// column of an odd count, go through the scalar reference.
    /// </summary>
    public void WriteAvx512<TEncoding>(double k, in LevelGrid grid, ref double band)
        where TEncoding : struct, IPairEncoding
    {
        var wide = new WideLevelGrid(grid.Spec);
        var scale = Vector512.Create(k);
        var rest = Vector512.Create(TEncoding.Idle(grid.Spec));
        CrossbarSpec spec = grid.Spec;
        ref float weights = ref MemoryMarshal.GetReference(_weights);
        int wholeRows = Rows - (Rows % WideRows);
        int j = 0;
        for (; j + 1 < ColumnCount; j += 2)
        {
            int start = First + (j * MatrixRows);
            RowBand.PrefetchNext(_weights, start, Below);
            RowBand.PrefetchNext(_weights, start + MatrixRows, Below);
            ref float left = ref Unsafe.Add(ref weights, start);
            ref float right = ref Unsafe.Add(ref left, MatrixRows);
            ref double pairs = ref Unsafe.Add(ref band, 2 * j);
            for (int i = 0; i < wholeRows; i += WideRows)
            {
                (Vector512<double> leftEven, Vector512<double> leftOdd) = PairsOfRows<TEncoding>(ref Unsafe.Add(ref left, i), scale, rest, wide);
                (Vector512<double> rightEven, Vector512<double> rightOdd) = PairsOfRows<TEncoding>(ref Unsafe.Add(ref right, i), scale, rest, wide);
                StoreRows(Avx512F.PermuteVar8x64x2(leftEven, FirstRowsOfBoth, rightEven), ref pairs, 0);
                StoreRows(Avx512F.PermuteVar8x64x2(leftOdd, FirstRowsOfBoth, rightOdd), ref pairs, Stride);
                StoreRows(Avx512F.PermuteVar8x64x2(leftEven, LastRowsOfBoth, rightEven), ref pairs, 4 * Stride);
                StoreRows(Avx512F.PermuteVar8x64x2(leftOdd, LastRowsOfBoth, rightOdd), ref pairs, 5 * Stride);
                pairs = ref Unsafe.Add(ref pairs, WideRows * Stride);
            }

            ScalarRows<TEncoding>(ref left, wholeRows, ref pairs, k, spec);
            ScalarRows<TEncoding>(ref right, wholeRows, ref Unsafe.Add(ref pairs, 2), k, spec);
        }

        if (j < ColumnCount)
        {
            ScalarRows<TEncoding>(ref Unsafe.Add(ref weights, First + (j * MatrixRows)), 0, ref Unsafe.Add(ref band, 2 * j), k, spec);
        }
    }

    /// <summary>
    /// Eight rows of one column as pairs: (G+, G-) of rows 0, 2, 4, 6 in the 128-bit lanes of the first vector, of
    /// rows 1, 3, 5, 7 in the second. Conductances as in the AVX2 kernel's <c>Pair</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double> EvenRows, Vector512<double> OddRows) PairsOfRows<TEncoding>(
        ref float column, Vector512<double> scale, Vector512<double> rest, in WideLevelGrid grid)
        where TEncoding : struct, IPairEncoding
    {
        Vector512<double> w = Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref column));
        Vector512<double> positive = Vector512.GreaterThanOrEqual(w, Vector512<double>.Zero);
        Vector512<double> moved = grid.Quantize(TEncoding.Moved(scale * Vector512.Abs(w), grid));
        Vector512<double> onPositive = TEncoding.PositiveOnPlus ? moved : rest;
        Vector512<double> onNegative = TEncoding.PositiveOnPlus ? rest : moved;
        Vector512<double> gPlus = Vector512.ConditionalSelect(positive, onPositive, onNegative);
        Vector512<double> gMinus = Vector512.ConditionalSelect(positive, onNegative, onPositive);
        return (Avx512F.UnpackLow(gPlus, gMinus), Avx512F.UnpackHigh(gPlus, gMinus));
    }

    // Both 32-byte halves of a permuted vector: the row at `offset` and the one two rows below.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StoreRows(Vector512<double> twoRows, ref double pairs, int offset)
    {
        twoRows.GetLower().StoreUnsafe(ref Unsafe.Add(ref pairs, offset));
        twoRows.GetUpper().StoreUnsafe(ref Unsafe.Add(ref pairs, offset + (2 * Stride)));
    }
}
