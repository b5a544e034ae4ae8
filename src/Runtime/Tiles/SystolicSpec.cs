namespace MapDsl.Runtime.Tiles;

/// <summary>Size of a weight-stationary systolic array: one weight per processing element (PE).</summary>
/// <param name="Rows">PE rows; at least 1.</param>
/// <param name="Columns">PE columns; at least 1.</param>
public sealed record SystolicSpec(int Rows, int Columns)
{
    /// <summary>PE rows of the array.</summary>
    public int Rows { get; } = Rows >= 1
        ? Rows
        : throw new ArgumentOutOfRangeException(nameof(Rows), Rows, $"A systolic array needs at least 1 PE row, got {Rows}.");

    /// <summary>PE columns of the array.</summary>
    public int Columns { get; } = Columns >= 1
        ? Columns
        : throw new ArgumentOutOfRangeException(nameof(Columns), Columns, $"A systolic array needs at least 1 PE column, got {Columns}.");

    /// <summary>Total PEs, <c>Rows * Columns</c>.</summary>
    public int PeCount => checked(Rows * Columns);
}
