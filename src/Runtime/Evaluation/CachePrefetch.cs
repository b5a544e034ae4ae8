using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// Software prefetch for the scattered weight accesses of a fault trial. Changed weights come in the order of the
/// faulty cells, tile row by tile row, so consecutive ones are a matrix column apart (4 KB in a 1024-wide layer): no
/// hardware prefetcher follows that, and each access waits for memory. The weight the same cell column holds
/// <see cref="RowsAhead"/> tile rows further down is on a cache line the loop will reach shortly, so asking for it
/// now overlaps those waits. A hint only: it changes no value, and does nothing where SSE is missing.
/// </summary>
internal static class CachePrefetch
{
    /// <summary>How far ahead, in matrix rows (floats): one 64-byte line further on.</summary>
    public const int RowsAhead = 16;

    /// <summary>Asks for the cache line of <c>values[index + RowsAhead]</c> (clamped to the last element).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Ahead(ReadOnlySpan<float> values, int index)
    {
        if (Sse.IsSupported && values.Length > 0)
        {
            // A pointer from a managed reference: if the GC moved the array meanwhile, the hint goes to a stale
            // address, which costs nothing (a prefetch never faults). The index is clamped so the reference stays
            // inside the array.
            int ahead = Math.Min(index + RowsAhead, values.Length - 1);
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetReference(values), ahead)));
        }
    }

    /// <summary>Hints the cache to load <paramref name="count"/> floats from <paramref name="start"/> on, one hint per 64-byte line.</summary>
    /// <param name="start">The first float.</param>
    /// <param name="count">Floats; the run must lie inside its array.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Run(ref float start, int count)
    {
        if (Sse.IsSupported)
        {
            byte* first = (byte*)Unsafe.AsPointer(ref start);
            for (int offset = 0; offset < count * sizeof(float); offset += 64)
            {
                Sse.Prefetch0(first + offset);
            }
        }
    }
}
