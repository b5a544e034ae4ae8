using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace MapDsl.Runtime.Tiles;

/// <summary>Bounds checks shared by the single-cell APIs, so every tile reports bad coordinates the same way.</summary>
internal static class TileBounds
{
    // Two comparisons inline into every single-cell call (a fault campaign makes hundreds of thousands per chip); the
    // messages are built in a separate method only when a check fails.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(int row, int col, int rows, int columns, string what)
    {
        if ((uint)row >= (uint)rows || (uint)col >= (uint)columns)
        {
            Throw(row, col, rows, columns, what);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(int row, int col, int rows, int columns, string what)
    {
        if ((uint)row >= (uint)rows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row {row} is outside the {what}'s {rows} rows (valid: 0..{rows - 1}).");
        }

        throw new ArgumentOutOfRangeException(nameof(col), col, $"Column {col} is outside the {what}'s {columns} columns (valid: 0..{columns - 1}).");
    }
}
