using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Faults.Files;

/// <summary>
/// Collects one layer's faults while a file is read, remembering the line of each position so that a repeated
/// position (or a cell listed both stuck-on and stuck-off) is reported with both lines.
/// </summary>
internal sealed class LayerFaultsBuilder(string layer)
{
    private readonly Dictionary<(int Tile, int Row, int Column), (int Line, CellFault Fault)> _cells = [];
    private readonly Dictionary<BitFlipAt, int> _bitFlips = [];

    public string Layer => layer;

    public void AddCell(CellFaultAt cell, LineFields fields)
    {
        if (_cells.TryGetValue((cell.Tile, cell.Row, cell.Column), out var first))
        {
            string at = $"layer '{layer}': the cell at tile {cell.Tile}, row {cell.Row}, column {cell.Column}";
            throw fields.Error(first.Fault == cell.Fault
                ? $"{at} is listed twice (first at line {first.Line})."
                : $"{at} is {FaultMapSyntax.KindName(first.Fault)} at line {first.Line} and {FaultMapSyntax.KindName(cell.Fault)} here; a cell is stuck one way only.");
        }

        _cells.Add((cell.Tile, cell.Row, cell.Column), (fields.Line.Number, cell.Fault));
    }

    public void AddBitFlip(BitFlipAt flip, LineFields fields)
    {
        if (!_bitFlips.TryAdd(flip, fields.Line.Number))
        {
            // Listing a bit twice would be ambiguous: as two flips it cancels, as one it does not.
            throw fields.Error($"layer '{layer}': bit {flip.Bit} of weight {flip.Weight} is listed twice (first at line {_bitFlips[flip]}).");
        }
    }

    public LayerFaults Build() => new(
        layer,
        FaultOrder.Cells(_cells.Select(cell => new CellFaultAt(cell.Key.Tile, cell.Key.Row, cell.Key.Column, cell.Value.Fault))).ToList(),
        FaultOrder.BitFlips(_bitFlips.Keys).ToList());
}
