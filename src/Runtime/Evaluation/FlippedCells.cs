using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Quantization;
using MapDsl.Runtime.Schemes;
using MapDsl.Runtime.Tiles;
using MapDsl.Shared;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// Flipped code bits of one crossbar layer in O(flips): each flipped weight is decoded from its flipped code and
/// written into its own cells of the programmed layer, exactly as the generated <c>Inject</c> would program it (the
/// layer's w_max, the conductance levels, stuck cells ignoring the write), so that reading those cells gives what the
/// generated <c>ReadBack</c> gives. Every other weight keeps its code, hence its cells.
/// </summary>
/// <remarks>
/// Stuck cells of the same chip are the caller's: inject them first and collect the weights they reach afterwards
/// (<see cref="FaultedWeights.Collect"/> reads the flipped weights' new cells too); <see cref="AddUnreached"/> then adds
/// the flipped weights no stuck cell reaches, so each weight is reported once.
/// </remarks>
internal sealed class FlippedCells
{
    private readonly MappedLayer _layer;
    private readonly CleanTiles _clean;
    private readonly int _scheme;
    private readonly int _columns;
    private readonly int _referenceColumn;

    // The weights written by the last Program: index, tile and first cell (row-major within the tile).
    private readonly List<(int Weight, int Tile, int Cell)> _written = [];

    /// <summary>Prepares one layer.</summary>
    /// <param name="clean">The layer's clean capture, what <see cref="Restore"/> puts back.</param>
    public FlippedCells(CleanTiles clean)
    {
        ArgumentNullException.ThrowIfNull(clean);
        _clean = clean;
        _layer = clean.Layer;
        _scheme = (int)_layer.Scheme;
        _columns = _layer.Spec.Columns;
        _referenceColumn = SchemeLayout.ReferenceColumn(_scheme, _columns);
    }

    /// <summary>Writes every flipped weight's cells as programming it with its flipped code would.</summary>
    /// <param name="codes">The layer's fault-free stored codes.</param>
    /// <param name="flips">The layer's flips, sorted by weight.</param>
    public void Program(QuantizedTensor codes, ReadOnlySpan<BitFlipAt> flips)
    {
        var tiles = _layer.TileArray;
        double wMax = _layer.MaxWeight;
        foreach (var (weight, mask) in new FlipMasks(flips))
        {
            var (tile, row, blockColumn) = _layer.Plan.Locate(weight);
            int column = SchemeLayout.CellColumn(_scheme, blockColumn);
            var (first, second) = WeightCells.Program(_layer.Scheme, codes.DecodeFlipped(weight, mask), wMax, _layer.Spec);
            tiles[tile].Write(row, column, first); // a stuck cell ignores the write, as it ignores Map
            if (SchemeLayout.IsPair(_scheme))
            {
                tiles[tile].Write(row, column + 1, second);
            }

            _written.Add((weight, tile, (row * _columns) + column));
        }
    }

    /// <summary>
    /// Adds the written weights that no stuck cell reaches (their own cells and, under offset, their row's reference
    /// cell all healthy), read from their cells, when they differ bit for bit from <paramref name="clean"/>.
    /// </summary>
    /// <param name="clean">The layer's clean read-back.</param>
    /// <param name="changes">Receives the changes; holds the stuck cells' changes already.</param>
    public void AddUnreached(ReadOnlySpan<float> clean, WeightChanges changes)
    {
        var tiles = _layer.TileArray;
        double k = SchemeMath.Scale(_layer.MaxWeight, _layer.Spec);
        foreach (var (weight, tile, cell) in _written)
        {
            var cells = tiles[tile];
            int reference = _referenceColumn < 0 ? -1 : cell - (cell % _columns) + _referenceColumn;
            if (cells.FaultCount != 0 && Reached(cells, cell, reference))
            {
                continue;
            }

            float value = WeightCells.Read(_layer.Scheme, cells.Conductance, cell, reference, k);
            if (BitConverter.SingleToInt32Bits(value) != BitConverter.SingleToInt32Bits(clean[weight]))
            {
                changes.Add(weight, value);
            }
        }
    }

    /// <summary>Puts the clean conductance back into every written cell; call after the stuck cells are restored.</summary>
    public void Restore()
    {
        var tiles = _layer.TileArray;
        foreach (var (_, tile, cell) in _written)
        {
            var clean = _clean.Of(tile);
            tiles[tile].Conductance[cell] = clean[cell];
            if (SchemeLayout.IsPair(_scheme))
            {
                tiles[tile].Conductance[cell + 1] = clean[cell + 1];
            }
        }

        _written.Clear();
    }

    // Whether a stuck cell reaches the weight at cell: one of its own cells or its row's offset reference.
    private bool Reached(CrossbarTile tile, int cell, int reference)
    {
        int row = cell / _columns;
        int column = cell - (row * _columns);
        return tile.FaultAt(row, column) != CellFault.None
            || (SchemeLayout.IsPair(_scheme) && tile.FaultAt(row, column + 1) != CellFault.None)
            || (_referenceColumn >= 0 && tile.FaultAt(row, _referenceColumn) != CellFault.None);
    }
}
