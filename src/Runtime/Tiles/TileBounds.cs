namespace MapDsl.Runtime.Tiles;

/// <summary>Bounds checks shared by the single-cell APIs, so every tile reports bad coordinates the same way.</summary>
internal static class TileBounds
{
    public static void Check(int row, int col, int rows, int columns, string what)
    {
        if ((uint)row >= (uint)rows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row {row} is outside the {what}'s {rows} rows (valid: 0..{rows - 1}).");
        }

        if ((uint)col >= (uint)columns)
        {
            throw new ArgumentOutOfRangeException(nameof(col), col, $"Column {col} is outside the {what}'s {columns} columns (valid: 0..{columns - 1}).");
        }
    }
}
