using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Schemes;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// The weights of one mapped layer that a chip's stuck cells change, found in O(faults): each faulty cell is mapped
/// back to the weight it stores and only those weights are read back, instead of reading back every tile and
/// comparing every weight. The values are computed with the same <see cref="SchemeMath"/> calls the generated
/// <c>ReadBack</c> makes, so they are bit-identical to a full read-back.
/// </summary>
/// <remarks>
/// <para>
/// Which weights a cell reaches: under two-column and differential one weight per cell (cell columns 2j and 2j+1
/// hold matrix column j); under offset a data cell holds one weight and a faulty reference cell (the tile's last
/// column) shifts every weight of its tile row. Cells outside the block a tile holds (idle cells, the odd last
/// column of a pair tile) change nothing. A weight reached twice (both cells of a pair, or a data cell and its
/// row's reference) is reported once.
/// </para>
/// <para>
/// Only stuck cells are covered. Flipped code bits of a quantized mapping change what <c>Map</c> programs, not how
/// tiles read back, and weight-stationary (systolic) mappings have no <see cref="MappedLayer"/>. One instance keeps
/// one int per weight to de-duplicate in O(1) without clearing, so give each worker thread its own.
/// </para>
/// <para>
/// Cost: a sampled map lists its cells sorted by (tile, row, column), so under the pair schemes the two cells of a
/// weight are neighbours and are recognised without the per-weight stamps; only maps out of order (imported, or
/// built by hand) and the offset scheme take the stamped loop. The one scattered access left, the clean value of
/// each reached weight, is prefetched (<see cref="CachePrefetch"/>).
/// </para>
/// </remarks>
public sealed class FaultedWeights
{
    private readonly MappedLayer _layer;
    private readonly TileBlock[] _blocks;
    private readonly int _rows;
    private readonly int _columns;

    // _stamps[w] == _generation marks weight w as seen in the current call; a new call just moves the generation on.
    private readonly int[] _stamps;
    private int _generation;

    /// <summary>Prepares the look-ups for one layer.</summary>
    /// <param name="layer">The layer whose tiles will hold the clean conductances plus a chip's faults.</param>
    public FaultedWeights(MappedLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        _layer = layer;
        _blocks = new TileBlock[layer.Tiles.Count];
        for (int t = 0; t < _blocks.Length; t++)
        {
            _blocks[t] = layer.BlockOf(t);
        }

        _rows = layer.Spec.Rows;
        _columns = layer.Spec.Columns;
        _stamps = new int[layer.WeightCount];
    }

    /// <summary>The layer this instance reads.</summary>
    public MappedLayer Layer => _layer;

    /// <summary>
    /// Replaces the content of <paramref name="changes"/> with every weight whose read-back under the layer's current
    /// tile state (clean conductances with <paramref name="faults"/> injected) differs from <paramref name="clean"/>,
    /// and its faulty value. Changes come in the order of the faulty cells; a weight appears at most once.
    /// </summary>
    /// <param name="faults">The stuck cells injected into the layer's tiles (tile, row and column within the layer).</param>
    /// <param name="clean">The layer's clean read-back (the generated <c>ReadBack</c> of the fault-free chip), PyTorch layout.</param>
    /// <param name="changes">Receives the changed weights; cleared first.</param>
    /// <exception cref="ArgumentException"><paramref name="clean"/> is not one value per weight, or a fault lies outside the layer's tiles.</exception>
    public void Collect(LayerFaults faults, ReadOnlySpan<float> clean, WeightChanges changes)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(changes);
        if (clean.Length != _stamps.Length)
        {
            throw new ArgumentException($"Layer '{_layer.Name}' has {_stamps.Length} weights, but the clean read-back holds {clean.Length}.", nameof(clean));
        }

        changes.Clear();
        double k = SchemeMath.Scale(_layer.MaxWeight, _layer.Spec);
        if (_layer.Scheme != Scheme.Offset && CollectSortedPairs(CollectionsMarshal.AsSpan(faults.Cells), clean, changes, k))
        {
            return;
        }

        changes.Clear();
        NextGeneration();
        var reader = new Reader(this, clean, changes, k);
        var tiles = _layer.TileArray;
        bool offset = _layer.Scheme == Scheme.Offset;
        foreach (ref readonly var cell in CollectionsMarshal.AsSpan(faults.Cells))
        {
            CheckInside(cell);
            if (offset)
            {
                reader.OffsetCell(tiles[cell.Tile].Conductance, _blocks[cell.Tile], cell.Row, cell.Column);
            }
            else
            {
                reader.PairCell(tiles[cell.Tile].Conductance, _blocks[cell.Tile], cell.Row, cell.Column);
            }
        }
    }

    /// <summary>
    /// The pair schemes' fast path for a map sorted by (tile, row, column) without repeats, as sampled maps are: the two
    /// cells of a pair (columns 2j, 2j+1) are then neighbours in the list, so a weight reached twice is recognised by
    /// its predecessor alone, without the per-weight stamps (4 bytes per weight of scattered traffic), and the tile's
    /// conductances and block are looked up once per tile instead of once per cell. Gives exactly what the general
    /// loop gives; returns false, having added some changes, at the first cell out of order, and the caller starts over.
    /// </summary>
    private bool CollectSortedPairs(ReadOnlySpan<CellFaultAt> cells, ReadOnlySpan<float> clean, WeightChanges changes, double k)
    {
        var tiles = _layer.TileArray;
        int stride = _columns;
        long cellsPerTile = (long)_rows * stride;
        int matrixRows = _layer.Plan.MatrixRows;
        int currentTile = -1;
        double[] conductance = [];
        TileBlock block = default;
        long previous = -1;
        var (indices, values) = changes.Reserve(cells.Length);
        int count = changes.Count;
        foreach (ref readonly var cell in cells)
        {
            CheckInside(cell);
            int at = (cell.Row * stride) + cell.Column;
            long key = (cell.Tile * cellsPerTile) + at;
            if (key <= previous)
            {
                return false;
            }

            bool pairedWithPrevious = (cell.Column & 1) == 1 && key == previous + 1;
            previous = key;
            if (cell.Tile != currentTile)
            {
                currentTile = cell.Tile;
                conductance = tiles[currentTile].Conductance;
                block = _blocks[currentTile];
            }

            // Cell columns 2j (G+) and 2j+1 (G-) hold matrix column j of the block; the G- cell right after its G+
            // cell was read with it.
            int j = cell.Column >> 1;
            if (pairedWithPrevious || cell.Row >= block.RowCount || j >= block.ColumnCount)
            {
                continue;
            }

            // Written unconditionally and kept by advancing the count: a branch on the comparison would be
            // mispredicted a third of the time, each time after waiting for clean[index], a scattered read.
            int index = ((block.ColumnStart + j) * matrixRows) + block.RowStart + cell.Row;
            int plus = at - (cell.Column & 1);
            float value = (float)SchemeMath.ReadPair(conductance[plus], conductance[plus + 1], k);
            CachePrefetch.Ahead(clean, index);
            indices[count] = index;
            values[count] = value;
            count += value != clean[index] ? 1 : 0;
        }

        changes.SetCount(count);
        return true;
    }

    // The check stays small enough to inline; the message is built only on the way out.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckInside(in CellFaultAt cell)
    {
        if ((uint)cell.Tile >= (uint)_blocks.Length || (uint)cell.Row >= (uint)_rows || (uint)cell.Column >= (uint)_columns)
        {
            ThrowOutside(cell);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowOutside(CellFaultAt cell) => throw new ArgumentException(
        $"Fault at tile {cell.Tile}, cell ({cell.Row}, {cell.Column}) lies outside layer '{_layer.Name}' ({_blocks.Length} tiles of {_rows} x {_columns}).",
        "faults");

    private void NextGeneration()
    {
        if (_generation == int.MaxValue)
        {
            Array.Clear(_stamps);
            _generation = 0;
        }

        _generation++;
    }

    /// <summary>One call's arguments, so the per-cell methods take only the cell.</summary>
    private readonly ref struct Reader(FaultedWeights owner, ReadOnlySpan<float> clean, WeightChanges changes, double k)
    {
        private readonly int[] _stamps = owner._stamps;
        private readonly int _generation = owner._generation;
        private readonly int _matrixRows = owner._layer.Plan.MatrixRows;
        private readonly int _stride = owner._layer.Spec.Columns;
        private readonly ReadOnlySpan<float> _clean = clean;

        // Pair schemes: cell columns 2j (G+) and 2j+1 (G-) hold matrix column j of the block.
        public void PairCell(double[] cells, TileBlock block, int row, int column)
        {
            int j = column >> 1;
            if (row >= block.RowCount || j >= block.ColumnCount)
            {
                return;
            }

            int index = ((block.ColumnStart + j) * _matrixRows) + block.RowStart + row;
            if (FirstVisit(index))
            {
                int cell = (row * _stride) + (2 * j);
                Report(index, (float)SchemeMath.ReadPair(cells[cell], cells[cell + 1], k));
            }
        }

        // Offset: data cell j holds matrix column j; the last column is the row's reference for every weight of it.
        public void OffsetCell(double[] cells, TileBlock block, int row, int column)
        {
            if (row >= block.RowCount)
            {
                return;
            }

            if (column == _stride - 1)
            {
                for (int j = 0; j < block.ColumnCount; j++)
                {
                    OffsetWeight(cells, block, row, j);
                }
            }
            else if (column < block.ColumnCount)
            {
                OffsetWeight(cells, block, row, column);
            }
        }

        private void OffsetWeight(double[] cells, TileBlock block, int row, int j)
        {
            int index = ((block.ColumnStart + j) * _matrixRows) + block.RowStart + row;
            if (FirstVisit(index))
            {
                int rowStart = row * _stride;
                Report(index, (float)SchemeMath.ReadOffset(cells[rowStart + j], cells[rowStart + _stride - 1], k));
            }
        }

        private bool FirstVisit(int index)
        {
            if (_stamps[index] == _generation)
            {
                return false;
            }

            _stamps[index] = _generation;
            return true;
        }

        // A stuck cell that already read its stuck value (stuck-off on a G_off cell) changes nothing.
        private void Report(int index, float value)
        {
            if (value != _clean[index])
            {
                changes.Add(index, value);
            }
        }
    }
}
