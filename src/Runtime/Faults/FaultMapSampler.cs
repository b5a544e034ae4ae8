namespace MapDsl.Runtime.Faults;

/// <summary>
/// Samples a chip's fault map for a mapping: stuck cells per crossbar tile, flipped bits per quantized layer and
/// bypassed PEs of the systolic array, each kind independent per unit at its rate. The same chip seed gives the same
/// map on any machine; for one seed the faults at a lower rate are a subset of those at a higher rate; the cost is
/// O(faults) plus O(layers + tiles) bookkeeping, never O(cells). See docs/fault-sampling.md.
/// </summary>
public static class FaultMapSampler
{
    /// <summary>The fault map of chip <paramref name="chipSeed"/> at <paramref name="rates"/>, in O(faults).</summary>
    /// <param name="shape">The mapping's shape.</param>
    /// <param name="rates">Per-unit fault rates.</param>
    /// <param name="chipSeed">Identifies the simulated chip (die): same seed, same faults.</param>
    /// <returns>The fault map, every list sorted.</returns>
    /// <exception cref="ArgumentException">The rates ask for faults the mapping cannot have.</exception>
    public static FaultMap Sample(MappingShape shape, FaultRates rates, ulong chipSeed) =>
        Build(UnitSampler.Sample, shape, rates, chipSeed);

    /// <summary>
    /// The same distribution as <see cref="Sample"/>, drawn cell by cell with <see cref="BernoulliSampler"/> (one
    /// uniform per unit, O(cells), not nested, different sets). Only for benchmarks and statistical cross-checks.
    /// </summary>
    /// <param name="shape">The mapping's shape.</param>
    /// <param name="rates">Per-unit fault rates.</param>
    /// <param name="chipSeed">Identifies the simulated chip.</param>
    /// <returns>The fault map, every list sorted.</returns>
    /// <exception cref="ArgumentException">The rates ask for faults the mapping cannot have.</exception>
    public static FaultMap SampleBernoulli(MappingShape shape, FaultRates rates, ulong chipSeed) =>
        Build(BernoulliSampler.Sample, shape, rates, chipSeed);

    /// <summary>
    /// Appends the stuck cells of one tile, sorted by (row, column), exactly as <see cref="Sample"/> puts them in the
    /// map: a tile has its own streams, so tiles may be sampled alone and in any order.
    /// </summary>
    /// <param name="shape">The mapping's shape (a crossbar mapping).</param>
    /// <param name="rates">Per-unit fault rates.</param>
    /// <param name="chipSeed">Identifies the simulated chip.</param>
    /// <param name="layer">Layer index in the shape.</param>
    /// <param name="tile">Tile index in the layer.</param>
    /// <param name="into">List the stuck cells are appended to.</param>
    /// <exception cref="ArgumentException">The rates ask for faults the mapping cannot have.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The layer or tile does not exist.</exception>
    public static void SampleTileCells(MappingShape shape, FaultRates rates, ulong chipSeed, int layer, int tile, List<CellFaultAt> into)
    {
        Validate(shape, rates);
        ArgumentNullException.ThrowIfNull(into);
        CheckLayer(shape, layer);
        if ((uint)tile >= (uint)shape.Layers[layer].TileCount)
        {
            throw new ArgumentOutOfRangeException(nameof(tile), tile, $"Layer '{shape.Layers[layer].Layer}' has {shape.Layers[layer].TileCount} tiles, so there is no tile {tile}.");
        }

        new ChipFaultDraws(UnitSampler.Sample, shape, rates, chipSeed).TileCells(layer, tile, into);
    }

    /// <summary>
    /// The draws of the stuck cells of one crossbar layer, tile by tile (<see cref="ChipFaultDraws.TileDraws(int, int)"/>), after
    /// the same checks as <see cref="SampleTileCells"/>: for callers that turn a tile's draws into something other than
    /// a cell list (the changed weights, <c>FaultedWeights.CollectSampled</c>) and must see the same cells.
    /// </summary>
    internal static ChipFaultDraws CellDraws(MappingShape shape, FaultRates rates, ulong chipSeed, int layer)
    {
        Validate(shape, rates);
        CheckLayer(shape, layer);
        return new ChipFaultDraws(UnitSampler.Sample, shape, rates, chipSeed);
    }

    /// <summary>Appends the flipped bits of one layer, sorted by (weight, bit), exactly as <see cref="Sample"/> puts them in the map.</summary>
    /// <param name="shape">The mapping's shape.</param>
    /// <param name="rates">Per-unit fault rates.</param>
    /// <param name="chipSeed">Identifies the simulated chip.</param>
    /// <param name="layer">Layer index in the shape.</param>
    /// <param name="into">List the flipped bits are appended to.</param>
    /// <exception cref="ArgumentException">The rates ask for faults the mapping cannot have.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The layer does not exist.</exception>
    public static void SampleLayerBitFlips(MappingShape shape, FaultRates rates, ulong chipSeed, int layer, List<BitFlipAt> into)
    {
        Validate(shape, rates);
        ArgumentNullException.ThrowIfNull(into);
        CheckLayer(shape, layer);
        new ChipFaultDraws(UnitSampler.Sample, shape, rates, chipSeed).LayerBits(layer, into);
    }

    private static FaultMap Build(UnitDraw draw, MappingShape shape, FaultRates rates, ulong chipSeed)
    {
        Validate(shape, rates);
        var draws = new ChipFaultDraws(draw, shape, rates, chipSeed);
        bool cells = rates.StuckOn > 0 || rates.StuckOff > 0;
        var layers = new LayerFaults[shape.Layers.Count];
        for (int layer = 0; layer < layers.Length; layer++)
        {
            var faults = new LayerFaults(shape.Layers[layer].Layer);
            if (cells)
            {
                for (int tile = 0; tile < shape.Layers[layer].TileCount; tile++)
                {
                    draws.TileCells(layer, tile, faults.Cells);
                }
            }

            if (rates.BitFlip > 0)
            {
                draws.LayerBits(layer, faults.BitFlips);
            }

            layers[layer] = faults;
        }

        var pes = new List<PeAt>();
        if (rates.Pe > 0)
        {
            draws.Pes(pes);
        }

        return new FaultMap(shape.Mapping, chipSeed, rates, Array.AsReadOnly(layers), pes);
    }

    private static void Validate(MappingShape shape, FaultRates rates)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(rates);
        rates.EnsureCellsExclusive();
        if (shape.IsSystolic && (rates.StuckOn > 0 || rates.StuckOff > 0))
        {
            throw new ArgumentException(
                $"The rates ask for stuck cells (StuckOn {rates.StuckOn}, StuckOff {rates.StuckOff}), but mapping '{shape.Mapping}' is systolic: it has PEs, not crossbar cells. Set both to 0 and use the Pe rate.",
                nameof(rates));
        }

        if (!shape.IsSystolic && rates.Pe > 0)
        {
            throw new ArgumentException(
                $"The rates ask for bypassed PEs (Pe {rates.Pe}), but mapping '{shape.Mapping}' maps onto crossbars, which have no PEs. Set Pe to 0.",
                nameof(rates));
        }

        if (rates.BitFlip > 0 && shape.Layers.FirstOrDefault(layer => layer.Bits == 0) is { } plain)
        {
            throw new ArgumentException(
                $"The rates ask for bit flips (BitFlip {rates.BitFlip}), but layer '{plain.Layer}' of mapping '{shape.Mapping}' is not quantized, so it stores no bits to flip. Quantize the mapping or set BitFlip to 0.",
                nameof(rates));
        }
    }

    private static void CheckLayer(MappingShape shape, int layer)
    {
        if ((uint)layer >= (uint)shape.Layers.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"Mapping '{shape.Mapping}' has {shape.Layers.Count} layers, so there is no layer {layer}.");
        }
    }
}
