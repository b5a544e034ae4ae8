using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace MapDsl.Runtime.Schemes;

/// <summary>
/// The weights of a layer are stored column by column (PyTorch layout) and a tile row by row, so writing a tile is a
/// transpose. Walking a whole matrix column down the tile touches one cache line per tile row, and with a power-of-two
/// row stride those lines fall into a few L1 sets and evict each other before the next column reuses them: it made
/// programming ten times slower than the arithmetic. The kernels therefore walk the columns of one band of rows at a
/// time, whose lines all stay in L1, and prefetch each column's next band: a band reads only a line or two per matrix
/// column, too little for the hardware prefetcher to follow the matrix columns.
/// </summary>
internal static class RowBand
{
    /// <summary>Tile rows per band: 16 rows of a 128-column tile are 16 KB of conductances (measured best of 8..64).</summary>
    public const int Rows = 16;

    /// <summary>
    /// Asks for the weights of the next band of the column whose current band starts at <paramref name="first"/>,
    /// when the column has <paramref name="remaining"/> rows from there; a hint only, it never faults.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void PrefetchNext(ReadOnlySpan<float> weights, int first, int remaining)
    {
        if (Sse.IsSupported && remaining > 2 * Rows)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetReference(weights), first + (2 * Rows))));
        }
    }
}
