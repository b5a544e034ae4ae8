using System.Text;

namespace MapDsl.Runtime.Faults;

/// <summary>
/// What a fault map needs to know about a mapping: the tile size, whether it targets a systolic array, and each
/// layer's tiles, weights and code bits. Generated mappings expose theirs as <c>Shape</c>. Two shapes are equal when
/// all of this, layers included, is equal.
/// </summary>
/// <param name="Mapping">Mapping name.</param>
/// <param name="TileRows">Cell rows of each crossbar tile, or PE rows of the systolic array.</param>
/// <param name="TileColumns">Cell columns of each crossbar tile, or PE columns of the systolic array.</param>
/// <param name="IsSystolic">True for a systolic-array mapping, false for a crossbar mapping.</param>
/// <param name="Layers">The mapped layers in mapping order; names must be unique.</param>
public sealed record MappingShape(string Mapping, int TileRows, int TileColumns, bool IsSystolic, IReadOnlyList<LayerShape> Layers)
{
    /// <summary>Mapping name.</summary>
    public string Mapping { get; } = Mapping ?? throw new ArgumentNullException(nameof(Mapping));

    /// <summary>Rows of a tile (cells) or of the systolic array (PEs).</summary>
    public int TileRows { get; } = TileRows >= 1
        ? TileRows
        : throw new ArgumentOutOfRangeException(nameof(TileRows), TileRows, $"Mapping '{Mapping}' needs at least 1 tile row, got {TileRows}.");

    /// <summary>Columns of a tile (cells) or of the systolic array (PEs).</summary>
    public int TileColumns { get; } = TileColumns >= 1
        ? TileColumns
        : throw new ArgumentOutOfRangeException(nameof(TileColumns), TileColumns, $"Mapping '{Mapping}' needs at least 1 tile column, got {TileColumns}.");

    /// <summary>True for a systolic-array mapping.</summary>
    public bool IsSystolic { get; } = IsSystolic;

    /// <summary>The mapped layers, in mapping order (a read-only copy of what was passed).</summary>
    public IReadOnlyList<LayerShape> Layers { get; } = CopyLayers(Mapping, Layers);

    /// <summary>Cells per crossbar tile or PEs of the systolic array, <c>TileRows * TileColumns</c>.</summary>
    public long CellsPerTile => (long)TileRows * TileColumns;

    /// <summary>Value equality, layers compared element by element.</summary>
    /// <param name="other">Shape to compare with.</param>
    /// <returns>True when every member and every layer is equal.</returns>
    public bool Equals(MappingShape? other) =>
        other is not null
        && Mapping == other.Mapping
        && TileRows == other.TileRows
        && TileColumns == other.TileColumns
        && IsSystolic == other.IsSystolic
        && Layers.SequenceEqual(other.Layers);

    /// <summary>A hash consistent with <see cref="Equals(MappingShape)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Mapping);
        hash.Add(TileRows);
        hash.Add(TileColumns);
        hash.Add(IsSystolic);
        foreach (var layer in Layers)
        {
            hash.Add(layer);
        }

        return hash.ToHashCode();
    }

    // Records print a collection as its type name; list the layers instead, so test failures and logs are readable.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Mapping = {Mapping}, TileRows = {TileRows}, TileColumns = {TileColumns}, IsSystolic = {IsSystolic}, Layers = [ ");
        builder.AppendJoin(", ", Layers);
        builder.Append(" ]");
        return true;
    }

    private static IReadOnlyList<LayerShape> CopyLayers(string mapping, IReadOnlyList<LayerShape> layers)
    {
        ArgumentNullException.ThrowIfNull(layers, nameof(Layers));
        var copy = layers.ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < copy.Length; i++)
        {
            if (copy[i] is null)
            {
                throw new ArgumentException($"Mapping '{mapping}' has a null layer shape at index {i}.", nameof(Layers));
            }

            if (!names.Add(copy[i].Layer))
            {
                throw new ArgumentException($"Mapping '{mapping}' lists layer '{copy[i].Layer}' twice; layer names must be unique.", nameof(Layers));
            }
        }

        return Array.AsReadOnly(copy);
    }
}
