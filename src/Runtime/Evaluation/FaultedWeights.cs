using System.Diagnostics.CodeAnalysis;
using System.Numerics;
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
/// <para>
/// A campaign that needs only the changed weights skips the map, the injection and the restore altogether:
/// <see cref="CollectSampled"/> draws a chip's stuck cells tile by tile and reads their pairs from a
/// <see cref="CleanTiles"/> capture (the pair schemes only).
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
    /// Samples this layer's stuck cells on chip <paramref name="chipSeed"/> and replaces the content of
    /// <paramref name="changes"/> with the weights they change and their faulty values, without building a fault map
    /// and without touching the tiles: each tile's two draws (stuck-on, stuck-off) are marked in two bitsets, and every
    /// pair a draw reaches is read from the captured clean conductances with its stuck cells replaced by G_on or G_off.
    /// The result is the same set of (weight, value) pairs, bit for bit, as injecting
    /// <c>FaultMapSampler.Sample(shape, rates, chipSeed).Layers[layer]</c> into the clean tiles and calling
    /// <see cref="Collect"/>; only the order differs (the draws' order). Nothing is left to restore.
    /// </summary>
    /// <remarks>
    /// Cost: O(faults), a few ns each, with no per-cell object and no write outside this call's buffers; this is the
    /// campaign path of the pair schemes (benchmarks/README.md, <c>campaign</c>). Only stuck cells are drawn (bit flips
    /// and PEs of <paramref name="rates"/> are ignored, as <see cref="Collect"/> ignores them). The offset scheme, whose
    /// reference cells reach whole tile rows, is not covered: inject and <see cref="Collect"/> there.
    /// </remarks>
    /// <param name="shape">The mapping's shape (the generated <c>Shape</c>), which seeds the tiles' streams.</param>
    /// <param name="layer">Index of this layer in <paramref name="shape"/>.</param>
    /// <param name="rates">Per-cell rates; only StuckOn and StuckOff are used.</param>
    /// <param name="chipSeed">The chip.</param>
    /// <param name="clean">The clean conductances of this layer's tiles (<see cref="CleanTiles.Capture"/>), the baseline.</param>
    /// <param name="changes">Receives the changed weights; cleared first.</param>
    /// <exception cref="ArgumentException">The shape's layer or <paramref name="clean"/> does not describe this layer, or the rates ask for faults the mapping cannot have.</exception>
    /// <exception cref="NotSupportedException">The layer uses the offset scheme.</exception>
    public void CollectSampled(MappingShape shape, int layer, FaultRates rates, ulong chipSeed, CleanTiles clean, WeightChanges changes)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(changes);
        var draws = FaultMapSampler.CellDraws(shape, rates, chipSeed, layer);
        if (!ReferenceEquals(clean.Layer, _layer))
        {
            throw new ArgumentException($"The clean capture is of layer '{clean.Layer.Name}', not of layer '{_layer.Name}'.", nameof(clean));
        }

        var layerShape = shape.Layers[layer];
        if (layerShape.TileCount != _blocks.Length || shape.TileRows != _rows || shape.TileColumns != _columns)
        {
            throw new ArgumentException(
                $"Layer {layer} of mapping '{shape.Mapping}' ('{layerShape.Layer}', {layerShape.TileCount} tiles of {shape.TileRows} x {shape.TileColumns}) is not layer '{_layer.Name}' ({_blocks.Length} tiles of {_rows} x {_columns}).",
                nameof(shape));
        }

        if (_layer.Scheme == Scheme.Offset)
        {
            throw new NotSupportedException(
                $"Layer '{_layer.Name}' uses the offset scheme, whose reference cells change whole tile rows; inject the sampled map and call Collect instead.");
        }

        changes.Clear();
        if (rates.StuckOn == 0 && rates.StuckOff == 0)
        {
            return;
        }

        double k = SchemeMath.Scale(_layer.MaxWeight, _layer.Spec);
        var coded = clean.Coded();
        int codeBits = coded is { } palette && (_columns & 1) == 0 ? PairTable(palette.Palette, k) : -1;
        for (int tile = 0; tile < _blocks.Length; tile++)
        {
            var buffers = DrawBuffers.Take();
            var cells = coded is { } c ? new CleanCells(c.Codes[tile], c.Palette) : new CleanCells(clean.Of(tile));
            if (draws.TileDrawsOrBits(layer, tile, buffers, out var on, out var off))
            {
                // Many faults: the draws went straight into the bitsets; read them in row-major order.
                var (indices, values) = changes.Reserve(checked(_rows * _columns));
                int words = UnitBits.WordsFor((long)_rows * _columns);
                if (codeBits >= 0)
                {
                    changes.SetCount(ScanPairWords(on, off, words, coded!.Value.Codes[tile], codeBits, _blocks[tile], indices, values, changes.Count));
                }
                else
                {
                    var pairs = new PairReader(on, off, cells, _blocks[tile], _columns, _layer.Plan.MatrixRows, k, _layer.Spec.GOn, _layer.Spec.GOff);
                    changes.SetCount(pairs.Scan(words, indices, values, changes.Count));
                }
            }
            else
            {
                CollectTileDraws(buffers, cells, _blocks[tile], changes, k);
            }

            DrawBuffers.Return(buffers);
        }
    }

    // Every value a pair can read back, by (state of G+, state of G-, code of G+, code of G-), states 0 clean,
    // 1 stuck-on, 2 stuck-off; a stuck cell's code is taken as 0, so each stuck cell drops a dimension:
    // _pairValues[(((sPlus * 3) + sMinus) << (2 * b)) + (codePlus << b) + codeMinus] with b = codeBits. Computed per
    // call (w_max, hence k, may change between calls) with the same SchemeMath.ReadPair the read-back uses, so a
    // look-up gives the read-back's bits; entry (0, 0, p, m) is the clean value. Only for palettes of at most
    // 2^MaxCodeBits conductances: 9 x 1024 floats at most.
    private const int MaxCodeBits = 5;
    private float[] _pairValues = [];

    // Fills the table for this palette and k; returns the code bits, or -1 when the palette is too large.
    private int PairTable(double[] palette, double k)
    {
        int bits = 0;
        while ((1 << bits) < palette.Length)
        {
            bits++;
        }

        if (bits > MaxCodeBits)
        {
            return -1;
        }

        int size = 9 << (2 * bits);
        if (_pairValues.Length < size)
        {
            _pairValues = new float[size];
        }

        double gOn = _layer.Spec.GOn;
        double gOff = _layer.Spec.GOff;
        for (int sPlus = 0; sPlus < 3; sPlus++)
        {
            for (int sMinus = 0; sMinus < 3; sMinus++)
            {
                for (int p = 0; p < (sPlus == 0 ? palette.Length : 1); p++)
                {
                    for (int m = 0; m < (sMinus == 0 ? palette.Length : 1); m++)
                    {
                        double plus = sPlus switch { 0 => palette[p], 1 => gOn, _ => gOff };
                        double minus = sMinus switch { 0 => palette[m], 1 => gOn, _ => gOff };
                        _pairValues[(((sPlus * 3) + sMinus) << (2 * bits)) + (p << bits) + m] = (float)SchemeMath.ReadPair(plus, minus, k);
                    }
                }
            }
        }

        return bits;
    }

    /// <summary>
    /// The pairs of one tile's bitsets when the tile width is even (a pair's two cells are then bits 2i and 2i+1 of
    /// one word) and the clean cells are coded with a small palette: a word gives up to 32 pairs at once, each read
    /// from the value table with no division and no bookkeeping per cell. Zeroes the words.
    /// </summary>
    private int ScanPairWords(ulong[] onWords, ulong[] offWords, int words, ReadOnlySpan<byte> codes, int codeBits, TileBlock block, int[] indices, float[] values, int count)
    {
        const ulong Even = 0x5555555555555555UL;
        int columns = _columns;
        int shift = BitOperations.IsPow2(columns) ? BitOperations.Log2((uint)columns) : -1;
        int matrixRows = _layer.Plan.MatrixRows;
        int rowCount = block.RowCount;
        int pairCount = block.ColumnCount;
        int firstIndex = (block.ColumnStart * matrixRows) + block.RowStart;
        ReadOnlySpan<float> table = _pairValues;
        for (int w = 0; w < words; w++)
        {
            ulong on = onWords[w];
            ulong off = offWords[w] & ~on; // stuck-on first
            ulong stuck = on | off;
            if (stuck == 0)
            {
                continue;
            }

            onWords[w] = 0;
            offWords[w] = 0;

            // Per cell, its state (1 on, 2 off) as two bits at the pair's even position: state = onBit | offBit << 1.
            // A pair is the two bits 2j, 2j + 1 of a row (SchemeLayout.CellColumn; rows have an even cell count here).
            ulong pairs = (stuck | (stuck >> 1)) & Even;
            do
            {
                int bit = BitOperations.TrailingZeroCount(pairs);
                pairs &= pairs - 1;
                int plus = (w << 6) + bit;
                int row = shift >= 0 ? plus >> shift : plus / columns;
                int j = Shared.SchemeLayout.BlockColumnOf(Shared.SchemeLayout.TwoColumn, plus - (row * columns), columns);
                if (row >= rowCount || j >= pairCount)
                {
                    continue;
                }

                int statePlus = (int)(((on >> bit) & 1) | (((off >> bit) & 1) << 1));
                int stateMinus = (int)(((on >> (bit + 1)) & 1) | (((off >> (bit + 1)) & 1) << 1));
                int codePlus = codes[plus];
                int codeMinus = codes[plus + 1];

                // A stuck cell's code is 0 in the table: (state - 1) >> 31 is all ones for a clean cell, 0 otherwise.
                int key = (((statePlus * 3) + stateMinus) << (2 * codeBits))
                    + ((codePlus & ((statePlus - 1) >> 31)) << codeBits) + (codeMinus & ((stateMinus - 1) >> 31));
                float value = table[key];
                indices[count] = firstIndex + (j * matrixRows) + row;
                values[count] = value;
                count += value != table[(codePlus << codeBits) + codeMinus] ? 1 : 0;
            }
            while (pairs != 0);
        }

        return count;
    }

    /// <summary>
    /// A tile's clean conductances: one byte per cell into a palette (16 MB of doubles become 2 MB of bytes in the
    /// 1024 x 1024 two-column layer, which then stays in cache between chips), or the doubles themselves.
    /// </summary>
    private readonly ref struct CleanCells
    {
        private readonly ReadOnlySpan<byte> _codes;
        private readonly ReadOnlySpan<double> _palette;
        private readonly ReadOnlySpan<double> _values;

        public CleanCells(ReadOnlySpan<byte> codes, ReadOnlySpan<double> palette)
        {
            _codes = codes;
            _palette = palette;
        }

        public CleanCells(ReadOnlySpan<double> values) => _values = values;

        public double this[int cell]
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _codes.IsEmpty ? _values[cell] : _palette[_codes[cell]];
        }
    }

    // One tile's draws: mark both sets, then visit the pair of every drawn unit once (the first visit clears the
    // pair's bits, so the second cell of a pair finds nothing left), and finally zero the words the draws touched.
    private void CollectTileDraws(DrawBuffers buffers, CleanCells cells, TileBlock block, WeightChanges changes, double k)
    {
        int drawn = buffers.On.Count + buffers.Off.Count;
        if (drawn == 0)
        {
            return;
        }

        long universe = (long)_rows * _columns;
        ulong[] onWords = buffers.Bits.Mark(buffers.On, universe, 0);
        ulong[] offWords = buffers.Bits.Mark(buffers.Off, universe, 1);
        var (indices, values) = changes.Reserve(drawn);
        var pairs = new PairReader(onWords, offWords, cells, block, _columns, _layer.Plan.MatrixRows, k, _layer.Spec.GOn, _layer.Spec.GOff);
        int count = changes.Count;
        if (UnitBits.Fits(universe, drawn))
        {
            // Many draws: visit the cells in row-major order, word by word, so the clean conductances are read front
            // to back (the hardware prefetcher follows) instead of in the draws' random order, a cache miss each.
            count = pairs.Scan(UnitBits.WordsFor(universe), indices, values, count);
        }
        else
        {
            count = pairs.Visit(CollectionsMarshal.AsSpan(buffers.On), indices, values, count);
            count = pairs.Visit(CollectionsMarshal.AsSpan(buffers.Off), indices, values, count);
            foreach (long unit in CollectionsMarshal.AsSpan(buffers.On))
            {
                onWords[unit >> 6] = 0;
            }

            foreach (long unit in CollectionsMarshal.AsSpan(buffers.Off))
            {
                offWords[unit >> 6] = 0;
            }
        }

        changes.SetCount(count);
    }

    /// <summary>
    /// Reads the pairs of a tile's drawn units from the clean conductances and the two bitsets: a cell whose stuck-on
    /// bit is set reads G_on, else one whose stuck-off bit is set reads G_off (the stuck-on-first rule of the sampler),
    /// else its clean conductance.
    /// </summary>
    private readonly ref struct PairReader(
        ulong[] onWords, ulong[] offWords, CleanCells cells, TileBlock block, int columns, int matrixRows, double k, double gOn, double gOff)
    {
        private readonly CleanCells _cells = cells;
        private readonly int _shift = BitOperations.IsPow2(columns) ? BitOperations.Log2((uint)columns) : -1;

        // The pairs of the drawn units, in the draws' order; leaves the words of cells outside the block set.
        public int Visit(ReadOnlySpan<long> units, int[] indices, float[] values, int count)
        {
            Span<double> readings = stackalloc double[6];
            Readings(readings);
            foreach (long unit in units)
            {
                count = Pair((int)unit, readings, indices, values, count);
            }

            return count;
        }

        // The pairs of every set bit, word by word (row-major), zeroing each word once read. A pair whose G- cell
        // lies in the next word (odd tile widths) clears that bit when its G+ cell is read, so it is read once.
        public int Scan(int words, int[] indices, float[] values, int count)
        {
            Span<double> readings = stackalloc double[6];
            Readings(readings);
            for (int w = 0; w < words; w++)
            {
                ulong stuck = onWords[w] | offWords[w];
                while (stuck != 0)
                {
                    int cell = (w << 6) + BitOperations.TrailingZeroCount(stuck);
                    stuck &= stuck - 1;
                    count = Pair(cell, readings, indices, values, count);
                }

                onWords[w] = 0;
                offWords[w] = 0;
            }

            return count;
        }

        // The three readings a cell can have, by state (0 clean, 1 stuck-on, 2 stuck-off), G+ then G-: indexing
        // beats a branch on which cell of the pair is stuck, a coin toss. Entries 0 and 3 are set per pair.
        private void Readings(Span<double> readings)
        {
            readings[1] = gOn;
            readings[2] = gOff;
            readings[4] = gOn;
            readings[5] = gOff;
        }

        // The pair of one stuck cell, unless it was read already (its bits are cleared when it is read).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int Pair(int cell, Span<double> readings, int[] indices, float[] values, int count)
        {
            int row = _shift >= 0 ? cell >> _shift : cell / columns;
            int column = cell - (row * columns);
            int j = Shared.SchemeLayout.BlockColumnOf(Shared.SchemeLayout.TwoColumn, column, columns);
            if (row >= block.RowCount || j >= block.ColumnCount)
            {
                return count;
            }

            int plus = cell - (column & 1);
            int minus = plus + 1;
            int statePlus = State(plus);
            int stateMinus = State(minus);
            if ((statePlus | stateMinus) == 0)
            {
                return count; // the pair's other cell was read first
            }

            onWords[plus >> 6] &= ~(1UL << plus);
            offWords[plus >> 6] &= ~(1UL << plus);
            onWords[minus >> 6] &= ~(1UL << minus);
            offWords[minus >> 6] &= ~(1UL << minus);
            double cleanPlus = _cells[plus];
            double cleanMinus = _cells[minus];
            readings[0] = cleanPlus;
            readings[3] = cleanMinus;
            float value = (float)SchemeMath.ReadPair(readings[statePlus], readings[3 + stateMinus], k);

            // Written unconditionally and kept by advancing the count (a stuck-off cell already at G_off changes
            // nothing); the clean value is what the clean read-back holds, computed the same way.
            indices[count] = ((block.ColumnStart + j) * matrixRows) + block.RowStart + row;
            values[count] = value;
            return count + (value != (float)SchemeMath.ReadPair(cleanPlus, cleanMinus, k) ? 1 : 0);
        }

        // 0 clean, 1 stuck-on, 2 stuck-off (only if not stuck-on); C# masks the shift count to 6 bits.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int State(int cell)
        {
            ulong on = (onWords[cell >> 6] >> cell) & 1;
            ulong off = (offWords[cell >> 6] >> cell) & 1;
            return (int)(on | ((off & ~on) << 1));
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

            bool pairedWithPrevious = Shared.SchemeLayout.IsMinusCell(cell.Column) && key == previous + 1;
            previous = key;
            if (cell.Tile != currentTile)
            {
                currentTile = cell.Tile;
                conductance = tiles[currentTile].Conductance;
                block = _blocks[currentTile];
            }

            // Cell columns 2j (G+) and 2j+1 (G-) hold matrix column j of the block; the G- cell right after its G+
            // cell was read with it.
            int j = Shared.SchemeLayout.BlockColumnOf(Shared.SchemeLayout.TwoColumn, cell.Column, _columns);
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
            int j = Shared.SchemeLayout.BlockColumnOf(Shared.SchemeLayout.TwoColumn, column, _stride);
            if (row >= block.RowCount || j >= block.ColumnCount)
            {
                return;
            }

            int index = ((block.ColumnStart + j) * _matrixRows) + block.RowStart + row;
            if (FirstVisit(index))
            {
                int cell = (row * _stride) + Shared.SchemeLayout.CellColumn(Shared.SchemeLayout.TwoColumn, j);
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

            int j = Shared.SchemeLayout.BlockColumnOf(Shared.SchemeLayout.Offset, column, _stride);
            if (j < 0)
            {
                for (j = 0; j < block.ColumnCount; j++)
                {
                    OffsetWeight(cells, block, row, j);
                }
            }
            else if (j < block.ColumnCount)
            {
                OffsetWeight(cells, block, row, j);
            }
        }

        private void OffsetWeight(double[] cells, TileBlock block, int row, int j)
        {
            int index = ((block.ColumnStart + j) * _matrixRows) + block.RowStart + row;
            if (FirstVisit(index))
            {
                int rowStart = row * _stride;
                Report(index, (float)SchemeMath.ReadOffset(cells[rowStart + j], cells[rowStart + Shared.SchemeLayout.ReferenceColumn(Shared.SchemeLayout.Offset, _stride)], k));
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
