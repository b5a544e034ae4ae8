using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Contract;

/// <summary>
/// A mapping declaration (<c>mapping X: N -> T</c>) seen without its generated type, so that campaigns, reports and
/// trainers are written once for every mapping. Every generated mapping implements <see cref="IMapping{TWeights}"/>;
/// <c>N.Mappings</c> lists those of a network and <c>XmapDeclarations.Mappings</c> those of a namespace.
/// </summary>
public interface IMapping
{
    /// <summary>The declaration's name.</summary>
    string Name { get; }

    /// <summary>The scheme as the language spells it: <c>two-column</c>, <c>differential</c>, <c>offset</c> or <c>weight-stationary</c>.</summary>
    string SchemeName { get; }

    /// <summary>The scheme.</summary>
    Schemes.Scheme Scheme { get; }

    /// <summary>The network it maps.</summary>
    string Network { get; }

    /// <summary>The name of the crossbar or systolic array it maps onto.</summary>
    string Target { get; }

    /// <summary>True for a systolic-array mapping, false for a crossbar mapping.</summary>
    bool IsSystolic { get; }

    /// <summary>The pruning applied before mapping, or null.</summary>
    IPruning? Pruning { get; }

    /// <summary>Bits of each stored weight code; 0 when weights are not quantized.</summary>
    int QuantizeBits { get; }

    /// <summary>How weights become stored codes (the <c>quantize</c> statement), or null when they are not quantized.</summary>
    Quantization.Quantizer? Quantizer { get; }

    /// <summary>
    /// Whether the biases are stored as codes too (<c>quantize ... biases</c>), each layer's with its own range, after its
    /// weight codes: bit flips at code index <c>WeightCount + b</c> hit bias b.
    /// </summary>
    bool QuantizesBiases { get; }

    /// <summary>The weighted layers in order: tile plan, pruning rule and its sparsity.</summary>
    IReadOnlyList<LayerPlan> Layers { get; }

    /// <summary>Tiles of all layers together.</summary>
    int TileCount { get; }

    /// <summary>What a fault map of this mapping must fit.</summary>
    MappingShape Shape { get; }

    /// <summary>
    /// The fault kinds a chip of this mapping can have: stuck-on and stuck-off cells on crossbars, bypassed PEs on
    /// systolic arrays, flipped code bits when weights are quantized.
    /// </summary>
    IReadOnlyList<FaultKind> FaultKinds { get; }

    /// <summary>A chip with no faults and nothing programmed yet.</summary>
    /// <returns>The chip.</returns>
    IChip CreateChip();

    /// <summary>The fault map of chip <paramref name="chip"/> at <paramref name="rates"/>: same seed, same map, on any machine.</summary>
    /// <param name="rates">Per-unit fault rates; a rate of a kind this mapping cannot have must be 0.</param>
    /// <param name="chip">The chip's seed.</param>
    /// <returns>The map.</returns>
    FaultMap SampleFaults(FaultRates rates, ulong chip);

    /// <summary>Writes faults into a chip of this mapping, in place (see the generated <c>Inject</c>).</summary>
    /// <param name="chip">A chip made by this mapping.</param>
    /// <param name="faults">A fault map of this mapping.</param>
    /// <exception cref="ArgumentException">The chip or the map belongs to another mapping.</exception>
    void Inject(IChip chip, FaultMap faults);
}

/// <summary>A mapping of the network whose generated weights type is <typeparamref name="TWeights"/>.</summary>
/// <typeparam name="TWeights">The network's generated weights type.</typeparam>
public interface IMapping<TWeights> : IMapping
    where TWeights : class, INetworkWeights<TWeights>
{
    /// <summary>The pruning applied before mapping, or null.</summary>
    new IPruning<TWeights>? Pruning { get; }

    /// <summary>Programs a fresh chip: prunes, quantizes and writes every layer.</summary>
    /// <param name="weights">The network's weights.</param>
    /// <returns>The chip.</returns>
    IChip Map(TWeights weights);

    /// <summary>Re-programs a chip of this mapping; stuck cells stay stuck.</summary>
    /// <param name="weights">The network's weights.</param>
    /// <param name="chip">A chip made by this mapping.</param>
    void Map(TWeights weights, IChip chip);

    /// <summary>The weights the chip really computes with.</summary>
    /// <param name="chip">A chip made by this mapping.</param>
    /// <returns>New weights.</returns>
    TWeights ReadBack(IChip chip);

    /// <summary>Reads the weights the chip computes with into an existing container.</summary>
    /// <param name="chip">A chip made by this mapping.</param>
    /// <param name="into">Receives the weights.</param>
    void ReadBack(IChip chip, TWeights into);
}
