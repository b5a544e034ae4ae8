using System.Numerics;
using System.Runtime.CompilerServices;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Schemes;

/// <summary>
/// The offset scheme's weight-to-conductance step for a run of weights: <c>spec.Quantize(SchemeMath.OffsetCell(w, offset, k,
/// spec))</c> for each, with whole vectors through <see cref="LevelGrid"/> (the same operations in the same order,
/// <c>G_off + (k (w + offset)) / 2</c>) and the last few weights through the scalar reference itself.
/// </summary>
internal static class OffsetCells
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Convert(ReadOnlySpan<float> weights, double offset, double k, in LevelGrid grid, Span<double> cells)
    {
        int width = Vector<float>.Count;
        int half = Vector<double>.Count;
        var scale = new Vector<double>(k);
        var shift = new Vector<double>(offset);
        var two = new Vector<double>(2.0);
        int i = 0;
        for (; i <= weights.Length - width; i += width)
        {
            Vector.Widen(new Vector<float>(weights.Slice(i)), out Vector<double> low, out Vector<double> high);
            grid.Quantize(grid.GOff + ((scale * (low + shift)) / two)).CopyTo(cells.Slice(i));
            grid.Quantize(grid.GOff + ((scale * (high + shift)) / two)).CopyTo(cells.Slice(i + half));
        }

        CrossbarSpec spec = grid.Spec;
        for (; i < weights.Length; i++)
        {
            cells[i] = spec.Quantize(SchemeMath.OffsetCell(weights[i], offset, k, spec));
        }
    }
}
