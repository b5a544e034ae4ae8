using System.Numerics;
using System.Runtime.InteropServices;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Faults;

/// <summary>
/// Turns per-stream unit draws into positions: cells of one tile, bits of one layer, PEs of the chip. Each piece reads
/// only its own stream, so pieces can be drawn in any order, or alone, with the same result.
/// </summary>
internal sealed class ChipFaultDraws(UnitDraw draw, MappingShape shape, FaultRates rates, ulong chipSeed)
{
    // Whether the draws are UnitSampler.Sample's, whose steps TileDrawsOrBits repeats.
    private readonly bool _unitSampler = draw.Method == ((UnitDraw)UnitSampler.Sample).Method && draw.Target is null;

    /// <summary>
    /// The stuck cells of one tile by the stuck-on-first rule: stuck-on = the stuck-on stream's draw at p_on;
    /// stuck-off = the stuck-off stream's draw at p_off / (1 - p_on), minus the stuck-on cells. A cell is then
    /// stuck-off with probability (1 - p_on) p_off / (1 - p_on) = p_off, independently of other cells, never both,
    /// and the stuck-on set is nested in p_on whatever p_off is.
    /// </summary>
    public void TileCells(int layer, int tile, List<CellFaultAt> into)
    {
        long cells = shape.CellsPerTile;
        var buffers = TileDraws(layer, tile);
        var on = buffers.On;
        var off = buffers.Off;
        if (UnitBits.Fits(cells, on.Count + off.Count))
        {
            MergeByBits(buffers.Bits, tile, cells, into, on, off);
        }
        else
        {
            on.Sort();
            off.Sort();
            MergeSorted(tile, into, on, off);
        }

        DrawBuffers.Return(buffers);
    }

    /// <summary>
    /// The two raw draws of one tile's cells, before the stuck-on-first rule is applied: the stuck-on stream's units in
    /// <see cref="DrawBuffers.On"/> and the stuck-off stream's candidates in <see cref="DrawBuffers.Off"/> (a unit in
    /// both is stuck-on), each in permutation order. What <see cref="TileCells"/> sorts and merges; a caller that
    /// needs no cell list reads them directly and gives the buffers back with <see cref="DrawBuffers.Return"/>.
    /// </summary>
    public DrawBuffers TileDraws(int layer, int tile)
    {
        var buffers = DrawBuffers.Take();
        TileDraws(layer, tile, buffers);
        return buffers;
    }

    /// <summary><see cref="TileDraws(int, int)"/> into buffers the caller took (both lists empty).</summary>
    public void TileDraws(int layer, int tile, DrawBuffers buffers)
    {
        long cells = shape.CellsPerTile;
        draw(cells, rates.StuckOn, FaultStreams.Derive(chipSeed, FaultKind.StuckOn, layer, tile), buffers.On);
        draw(cells, StuckOffAmongNotStuckOn(rates), FaultStreams.Derive(chipSeed, FaultKind.StuckOff, layer, tile), buffers.Off);
    }

    /// <summary>
    /// The same two draws as <see cref="TileDraws(int, int)"/>, with UnitSampler.Sample's steps done here: when they
    /// are dense enough for bitsets (<see cref="UnitBits.Fits"/>) and the shuffle runs in the per-thread scratch, they
    /// are marked straight into the two bitsets of <paramref name="buffers"/> (stuck-on in set 0, stuck-off
    /// candidates in set 1; the caller reads and clears every word) and the method returns true; otherwise they are
    /// appended to its lists, as <see cref="TileDraws(int, int, DrawBuffers)"/> would, and it returns false.
    /// </summary>
    public bool TileDrawsOrBits(int layer, int tile, DrawBuffers buffers, out ulong[] on, out ulong[] off)
    {
        on = off = [];
        long cells = shape.CellsPerTile;
        if (!_unitSampler)
        {
            TileDraws(layer, tile, buffers);
            return false;
        }

        // UnitSampler.Sample's steps: the count from the stream's first draw, then the shuffle from the next ones.
        var onRandom = new Xoshiro256StarStar(FaultStreams.Derive(chipSeed, FaultKind.StuckOn, layer, tile));
        long onCount = UnitSampler.DrawCount(ref onRandom, cells, rates.StuckOn);
        var offRandom = new Xoshiro256StarStar(FaultStreams.Derive(chipSeed, FaultKind.StuckOff, layer, tile));
        long offCount = UnitSampler.DrawCount(ref offRandom, cells, StuckOffAmongNotStuckOn(rates));
        if (cells > PermutationPrefix.ScratchUnits || !UnitBits.Fits(cells, onCount + offCount))
        {
            PermutationPrefix.Append(ref onRandom, cells, onCount, PermutationStorage.Automatic, buffers.On);
            PermutationPrefix.Append(ref offRandom, cells, offCount, PermutationStorage.Automatic, buffers.Off);
            return false;
        }

        on = buffers.Bits.Words(cells, 0);
        off = buffers.Bits.Words(cells, 1);
        PermutationPrefix.MarkScratch(ref onRandom, (int)cells, (int)onCount, on);
        PermutationPrefix.MarkScratch(ref offRandom, (int)cells, (int)offCount, off);
        return true;
    }

    /// <summary>The flipped bits of one layer; unit u is bit u % Bits (0 = least significant) of weight u / Bits.</summary>
    public void LayerBits(int layer, List<BitFlipAt> into)
    {
        var shapeOfLayer = shape.Layers[layer];
        var buffers = DrawBuffers.Take();
        var units = buffers.On;
        draw(shapeOfLayer.BitCount, rates.BitFlip, FaultStreams.Derive(chipSeed, FaultKind.BitFlip, layer, -1), units);
        buffers.Bits.Sort(units, shapeOfLayer.BitCount);
        foreach (long unit in units)
        {
            into.Add(new BitFlipAt((int)(unit / shapeOfLayer.Bits), (int)(unit % shapeOfLayer.Bits)));
        }

        DrawBuffers.Return(buffers);
    }

    /// <summary>The bypassed PEs of the chip's one systolic array; unit u is PE (u / columns, u % columns).</summary>
    public void Pes(List<PeAt> into)
    {
        var buffers = DrawBuffers.Take();
        var units = buffers.On;
        draw(shape.CellsPerTile, rates.Pe, FaultStreams.Derive(chipSeed, FaultKind.Pe, -1, -1), units);
        buffers.Bits.Sort(units, shape.CellsPerTile);
        foreach (long unit in units)
        {
            into.Add(new PeAt((int)(unit / shape.TileColumns), (int)(unit % shape.TileColumns)));
        }

        DrawBuffers.Return(buffers);
    }

    /// <summary>P(stuck-off | not stuck-on) = p_off / (1 - p_on); clamped because FaultRates allows p_on + p_off a rounding hair above 1.</summary>
    public static double StuckOffAmongNotStuckOn(FaultRates rates) =>
        rates.StuckOff == 0 ? 0 : Math.Min(1, rates.StuckOff / (1 - rates.StuckOn));

    // Merges the two sorted lists into row-major order, dropping stuck-off candidates that are stuck-on already.
    private void MergeSorted(int tile, List<CellFaultAt> into, List<long> on, List<long> off)
    {
        int i = 0;
        int j = 0;
        while (i < on.Count || j < off.Count)
        {
            if (j == off.Count || (i < on.Count && on[i] <= off[j]))
            {
                if (j < off.Count && off[j] == on[i])
                {
                    j++;
                }

                into.Add(Cell(tile, on[i++], CellFault.StuckOn));
            }
            else
            {
                into.Add(Cell(tile, off[j++], CellFault.StuckOff));
            }
        }
    }

    // The same merge through two bitsets: a cell in both sets is stuck-on, and reading the bits word by word gives
    // row-major order. Cells are written straight into the list's storage; rows are tracked as the units ascend, so
    // the only division is at a jump of more than a row.
    private void MergeByBits(UnitBits bits, int tile, long cells, List<CellFaultAt> into, List<long> on, List<long> off)
    {
        ulong[] onWords = bits.Mark(on, cells, 0);
        ulong[] offWords = bits.Mark(off, cells, 1);
        int start = into.Count;
        CollectionsMarshal.SetCount(into, start + on.Count + off.Count);
        var target = CollectionsMarshal.AsSpan(into)[start..];
        int written = 0;
        int columns = shape.TileColumns;
        int row = 0;
        long rowStart = 0;
        int words = UnitBits.WordsFor(cells);
        for (int w = 0; w < words; w++)
        {
            ulong stuckOn = onWords[w];
            ulong stuck = stuckOn | offWords[w];
            if (stuck == 0)
            {
                continue;
            }

            onWords[w] = 0;
            offWords[w] = 0;
            do
            {
                int bit = BitOperations.TrailingZeroCount(stuck);
                long unit = ((long)w << 6) + bit;
                if (unit - rowStart >= columns)
                {
                    row = unit - rowStart < 2L * columns ? row + 1 : (int)(unit / columns);
                    rowStart = (long)row * columns;
                }

                // StuckOff - 1 = StuckOn: arithmetic, not a branch, because which of the two a cell is is a coin toss
                // the branch predictor would miss half the time.
                var fault = (CellFault)((int)CellFault.StuckOff - (int)((stuckOn >> bit) & 1));
                target[written++] = new CellFaultAt(tile, row, (int)(unit - rowStart), fault);
                stuck &= stuck - 1;
            }
            while (stuck != 0);
        }

        CollectionsMarshal.SetCount(into, start + written);
    }

    private CellFaultAt Cell(int tile, long unit, CellFault fault) =>
        new(tile, (int)(unit / shape.TileColumns), (int)(unit % shape.TileColumns), fault);
}
