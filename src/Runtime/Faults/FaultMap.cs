namespace MapDsl.Runtime.Faults;

/// <summary>
/// The permanent faults of one chip, per mapped layer: stuck cells, flipped code bits and (for a systolic mapping)
/// bypassed PEs. Sampled by <see cref="FaultMapSampler"/> from a seed, or built from measured data.
/// </summary>
public sealed class FaultMap
{
    /// <summary>Creates a fault map.</summary>
    /// <param name="mapping">Name of the mapping the map was made for.</param>
    /// <param name="seed">The chip seed it was sampled from, or null for an imported map.</param>
    /// <param name="rates">The rates it was sampled at, or null for an imported map.</param>
    /// <param name="layers">Per-layer faults, in mapping order.</param>
    /// <param name="bypassedPes">Bypassed PEs of the systolic array, sorted by (row, column); empty for a crossbar mapping.</param>
    public FaultMap(string mapping, ulong? seed, FaultRates? rates, IReadOnlyList<LayerFaults> layers, List<PeAt> bypassedPes)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(bypassedPes);
        if (layers.Any(layer => layer is null))
        {
            throw new ArgumentException("A fault map cannot contain a null layer entry.", nameof(layers));
        }

        Mapping = mapping;
        Seed = seed;
        Rates = rates;
        Layers = layers;
        BypassedPes = bypassedPes;
    }

    /// <summary>Name of the mapping the map was made for; <see cref="Matches"/> accepts only a shape of that mapping.</summary>
    public string Mapping { get; }

    /// <summary>The chip seed the map was sampled from; null for an imported map.</summary>
    public ulong? Seed { get; }

    /// <summary>The rates the map was sampled at; null for an imported map.</summary>
    public FaultRates? Rates { get; }

    /// <summary>Per-layer faults, in mapping order.</summary>
    public IReadOnlyList<LayerFaults> Layers { get; }

    /// <summary>Bypassed PEs of the chip's one systolic array, shared by all layers; sorted by (row, column).</summary>
    public List<PeAt> BypassedPes { get; }

    /// <summary>Stuck cells over all layers.</summary>
    public int CellFaultCount => Layers.Sum(layer => layer.Cells.Count);

    /// <summary>Flipped bits over all layers.</summary>
    public int BitFlipCount => Layers.Sum(layer => layer.BitFlips.Count);

    /// <summary>
    /// Whether this map fits <paramref name="shape"/>: made for the same mapping (<see cref="Mapping"/> is the shape's
    /// <see cref="MappingShape.Mapping"/>), the same layers in the same order, and every fault inside it
    /// (tile, row and column of each stuck cell, weight and bit of each flip, row and column of each PE; stuck cells
    /// only on crossbars, PEs only on systolic arrays).
    /// </summary>
    /// <param name="shape">The mapping's shape.</param>
    /// <param name="problem">The first mismatch, naming the layer and position; empty when the map fits.</param>
    /// <returns>True when the map fits.</returns>
    public bool Matches(MappingShape shape, out string problem)
    {
        ArgumentNullException.ThrowIfNull(shape);
        problem = FaultMapFit.FirstProblem(this, shape) ?? string.Empty;
        return problem.Length == 0;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"FaultMap of {Mapping} (seed {(Seed is { } seed ? seed.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}): "
        + $"{CellFaultCount} stuck cells, {BitFlipCount} flipped bits, {BypassedPes.Count} bypassed PEs";
}
