using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// The clean conductances of one mapped layer's tiles, captured once after <c>Map</c>, so that a campaign can program
/// a layer once and, between chips, put back only the cells the last chip's faults touched: <see cref="Restore"/>
/// costs O(faults), never O(cells), and leaves the tiles bit-identical to the capture.
/// </summary>
/// <remarks>
/// The snapshot belongs to one w_max and one set of programmed weights: re-mapping the layer needs a new capture.
/// </remarks>
public sealed class CleanTiles
{
    private readonly CrossbarTile[] _tiles;
    private readonly double[][] _clean;

    private CleanTiles(MappedLayer layer, CrossbarTile[] tiles, double[][] clean)
    {
        Layer = layer;
        _tiles = tiles;
        _clean = clean;
    }

    /// <summary>The layer captured.</summary>
    public MappedLayer Layer { get; }

    /// <summary>Copies what every cell of the layer's tiles reads now.</summary>
    /// <param name="layer">A programmed layer with no faults injected (faulty readings would be captured as clean).</param>
    /// <exception cref="ArgumentException">A tile of the layer has faults.</exception>
    public static CleanTiles Capture(MappedLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var tiles = layer.TileArray;
        var clean = new double[tiles.Length][];
        for (int t = 0; t < tiles.Length; t++)
        {
            if (tiles[t].FaultCount != 0)
            {
                throw new ArgumentException(
                    $"Tile {t} of layer '{layer.Name}' has {tiles[t].FaultCount} faults; capture the clean state before injecting.", nameof(layer));
            }

            clean[t] = (double[])tiles[t].Conductance.Clone();
        }

        return new CleanTiles(layer, tiles, clean);
    }

    /// <summary>The captured conductances of tile <paramref name="tile"/>, row-major.</summary>
    /// <param name="tile">Tile index within the layer.</param>
    public ReadOnlySpan<double> Of(int tile) => _clean[tile];

    // The same capture as one byte per cell into a palette of the distinct conductances (at most 256; a programmed
    // layer has one per level), built on first use: 1/8 of the memory, so that a campaign reading the clean cells
    // of every fault finds them in cache. Null when the layer holds more than 256 distinct values (cells written
    // off the level grid).
    private (byte[][] Codes, double[] Palette)? _coded;
    private bool _codingTried;

    /// <summary>The capture as palette codes (cell value = <c>Palette[Codes[tile][cell]]</c>, bit for bit), or null if more than 256 values occur.</summary>
    internal (byte[][] Codes, double[] Palette)? Coded()
    {
        if (!_codingTried)
        {
            _coded = Code(_clean);
            _codingTried = true;
        }

        return _coded;
    }

    private static (byte[][] Codes, double[] Palette)? Code(double[][] clean)
    {
        // Keyed by bits, so that -0.0 and 0.0 (or two NaNs) keep their own entries and decode to what was captured.
        var codeOf = new Dictionary<long, byte>();
        var palette = new List<double>();
        var codes = new byte[clean.Length][];
        for (int t = 0; t < clean.Length; t++)
        {
            var cells = clean[t];
            var tileCodes = new byte[cells.Length];
            long lastBits = 0;
            byte lastCode = 0;
            bool any = false;
            for (int i = 0; i < cells.Length; i++)
            {
                long bits = BitConverter.DoubleToInt64Bits(cells[i]);
                if (!any || bits != lastBits)
                {
                    if (!codeOf.TryGetValue(bits, out lastCode))
                    {
                        if (palette.Count == 256)
                        {
                            return null;
                        }

                        lastCode = (byte)palette.Count;
                        codeOf.Add(bits, lastCode);
                        palette.Add(cells[i]);
                    }

                    lastBits = bits;
                    any = true;
                }

                tileCodes[i] = lastCode;
            }

            codes[t] = tileCodes;
        }

        return (codes, [.. palette]);
    }

    /// <summary>
    /// Clears every fault of the layer's tiles and writes the captured conductance back into each cell that was stuck;
    /// tiles without faults cost nothing. Cells written directly since the capture (not through faults) are not undone.
    /// </summary>
    public void Restore()
    {
        for (int t = 0; t < _tiles.Length; t++)
        {
            var tile = _tiles[t];
            if (tile.FaultCount != 0)
            {
                tile.ClearFaults(_clean[t]);
            }
        }
    }
}
