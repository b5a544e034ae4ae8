using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Faults;

/// <summary>
/// Turns per-stream unit draws into positions: cells of one tile, bits of one layer, PEs of the chip. Each piece reads
/// only its own stream, so pieces can be drawn in any order, or alone, with the same result.
/// </summary>
internal sealed class ChipFaultDraws(UnitDraw draw, MappingShape shape, FaultRates rates, ulong chipSeed)
{
    // Reused between tiles so a map with many tiles does not allocate per tile.
    private readonly List<long> _on = [];
    private readonly List<long> _off = [];
    private bool[] _bitmap = [];

    /// <summary>
    /// The stuck cells of one tile by the stuck-on-first rule: stuck-on = the stuck-on stream's draw at p_on;
    /// stuck-off = the stuck-off stream's draw at p_off / (1 - p_on), minus the stuck-on cells. A cell is then
    /// stuck-off with probability (1 - p_on) p_off / (1 - p_on) = p_off, independently of other cells, never both,
    /// and the stuck-on set is nested in p_on whatever p_off is.
    /// </summary>
    public void TileCells(int layer, int tile, List<CellFaultAt> into)
    {
        long cells = shape.CellsPerTile;
        _on.Clear();
        _off.Clear();
        draw(cells, rates.StuckOn, FaultStreams.Derive(chipSeed, FaultKind.StuckOn, layer, tile), _on);
        draw(cells, StuckOffAmongNotStuckOn(rates), FaultStreams.Derive(chipSeed, FaultKind.StuckOff, layer, tile), _off);
        SortUnits(_on, cells);
        SortUnits(_off, cells);

        // Merge the two sorted lists into row-major order, dropping stuck-off candidates that are stuck-on already.
        int i = 0;
        int j = 0;
        while (i < _on.Count || j < _off.Count)
        {
            if (j == _off.Count || (i < _on.Count && _on[i] <= _off[j]))
            {
                if (j < _off.Count && _off[j] == _on[i])
                {
                    j++;
                }

                into.Add(Cell(tile, _on[i++], CellFault.StuckOn));
            }
            else
            {
                into.Add(Cell(tile, _off[j++], CellFault.StuckOff));
            }
        }
    }

    /// <summary>The flipped bits of one layer; unit u is bit u % Bits (0 = least significant) of weight u / Bits.</summary>
    public void LayerBits(int layer, List<BitFlipAt> into)
    {
        var shapeOfLayer = shape.Layers[layer];
        _on.Clear();
        draw(shapeOfLayer.BitCount, rates.BitFlip, FaultStreams.Derive(chipSeed, FaultKind.BitFlip, layer, -1), _on);
        SortUnits(_on, shapeOfLayer.BitCount);
        foreach (long unit in _on)
        {
            into.Add(new BitFlipAt((int)(unit / shapeOfLayer.Bits), (int)(unit % shapeOfLayer.Bits)));
        }
    }

    /// <summary>The bypassed PEs of the chip's one systolic array; unit u is PE (u / columns, u % columns).</summary>
    public void Pes(List<PeAt> into)
    {
        _on.Clear();
        draw(shape.CellsPerTile, rates.Pe, FaultStreams.Derive(chipSeed, FaultKind.Pe, -1, -1), _on);
        SortUnits(_on, shape.CellsPerTile);
        foreach (long unit in _on)
        {
            into.Add(new PeAt((int)(unit / shape.TileColumns), (int)(unit % shape.TileColumns)));
        }
    }

    /// <summary>P(stuck-off | not stuck-on) = p_off / (1 - p_on); clamped because FaultRates allows p_on + p_off a rounding hair above 1.</summary>
    /// <summary>
    /// Sorts distinct unit numbers. When they are a large fraction of the universe (high rates), marking them in a
    /// bitmap and reading it back in order costs O(universe) = O(32 units) and beats a comparison sort by far; the
    /// per-cell sampler it is compared with pays O(universe) anyway.
    /// </summary>
    private void SortUnits(List<long> units, long universe)
    {
        if (units.Count < 64 || units.Count * UnitSampler.DenseFraction < universe || universe > Array.MaxLength)
        {
            units.Sort();
            return;
        }

        if (_bitmap.Length < universe)
        {
            _bitmap = new bool[universe];
        }

        foreach (long unit in units)
        {
            _bitmap[unit] = true;
        }

        units.Clear();
        for (long unit = 0; unit < universe; unit++)
        {
            if (_bitmap[unit])
            {
                _bitmap[unit] = false;
                units.Add(unit);
            }
        }
    }

    public static double StuckOffAmongNotStuckOn(FaultRates rates) =>
        rates.StuckOff == 0 ? 0 : Math.Min(1, rates.StuckOff / (1 - rates.StuckOn));

    private CellFaultAt Cell(int tile, long unit, CellFault fault) =>
        new(tile, (int)(unit / shape.TileColumns), (int)(unit % shape.TileColumns), fault);
}
