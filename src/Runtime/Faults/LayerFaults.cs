namespace MapDsl.Runtime.Faults;

/// <summary>The faults of one layer of a chip: its stuck cells and its flipped code bits.</summary>
public sealed class LayerFaults
{
    /// <summary>Creates a fault-free layer entry.</summary>
    /// <param name="layer">Layer name.</param>
    public LayerFaults(string layer)
        : this(layer, [], [])
    {
    }

    /// <summary>Creates a layer entry with the given faults (for maps imported from elsewhere).</summary>
    /// <param name="layer">Layer name.</param>
    /// <param name="cells">Stuck cells, sorted by (tile, row, column).</param>
    /// <param name="bitFlips">Flipped bits, sorted by (weight, bit).</param>
    public LayerFaults(string layer, List<CellFaultAt> cells, List<BitFlipAt> bitFlips)
    {
        ArgumentException.ThrowIfNullOrEmpty(layer);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(bitFlips);
        Layer = layer;
        Cells = cells;
        BitFlips = bitFlips;
    }

    /// <summary>Layer name.</summary>
    public string Layer { get; }

    /// <summary>Stuck cells of the layer's crossbar tiles, sorted by (tile, row, column).</summary>
    public List<CellFaultAt> Cells { get; }

    /// <summary>Flipped bits of the layer's stored weight codes, sorted by (weight, bit); bit 0 is the least significant.</summary>
    public List<BitFlipAt> BitFlips { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Layer}: {Cells.Count} stuck cells, {BitFlips.Count} flipped bits";
}
