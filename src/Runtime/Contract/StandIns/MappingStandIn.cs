using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Schemes;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Contract.StandIns;

/// <summary>
/// A mapping with errors whose network is unknown too: the contract without weights (<see cref="IMapping"/>), and the
/// static members every generated mapping has whatever its network. Per-layer members cannot exist.
/// </summary>
/// <typeparam name="TSelf">The generated stand-in mapping.</typeparam>
public abstract class MappingStandIn<TSelf> : IMapping
    where TSelf : MappingStandIn<TSelf>, IStandIn
{
    /// <summary>The real mapping's <c>Scheme</c>.</summary>
    public static Scheme Scheme => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <summary>The real mapping's <c>CellsPerWeight</c>.</summary>
    public static int CellsPerWeight => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <summary>The real mapping's <c>WeightsPerTileRow</c>.</summary>
    public static int WeightsPerTileRow => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <summary>The real mapping's <c>TileCount</c>.</summary>
    public static int TileCount => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <summary>The real mapping's <c>QuantizeBits</c>.</summary>
    public static int QuantizeBits => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <summary>The real mapping's <c>Layers</c>.</summary>
    public static IReadOnlyList<LayerPlan> Layers => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <summary>The real mapping's <c>Shape</c>.</summary>
    public static MappingShape Shape => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <summary>The real mapping's <c>FaultKinds</c>.</summary>
    public static IReadOnlyList<FaultKind> FaultKinds => throw DeclarationHasErrorsException.Of<TSelf>();

    string IMapping.Name => throw DeclarationHasErrorsException.Of<TSelf>();

    string IMapping.SchemeName => throw DeclarationHasErrorsException.Of<TSelf>();

    Scheme IMapping.Scheme => throw DeclarationHasErrorsException.Of<TSelf>();

    string IMapping.Network => throw DeclarationHasErrorsException.Of<TSelf>();

    string IMapping.Target => throw DeclarationHasErrorsException.Of<TSelf>();

    bool IMapping.IsSystolic => throw DeclarationHasErrorsException.Of<TSelf>();

    IPruning? IMapping.Pruning => throw DeclarationHasErrorsException.Of<TSelf>();

    int IMapping.QuantizeBits => throw DeclarationHasErrorsException.Of<TSelf>();

    Quantization.Quantizer? IMapping.Quantizer => throw DeclarationHasErrorsException.Of<TSelf>();

    bool IMapping.QuantizesBiases => throw DeclarationHasErrorsException.Of<TSelf>();

    IReadOnlyList<LayerPlan> IMapping.Layers => throw DeclarationHasErrorsException.Of<TSelf>();

    int IMapping.TileCount => throw DeclarationHasErrorsException.Of<TSelf>();

    MappingShape IMapping.Shape => throw DeclarationHasErrorsException.Of<TSelf>();

    IReadOnlyList<FaultKind> IMapping.FaultKinds => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <summary>The real mapping's <c>SampleFaults</c>.</summary>
    public static FaultMap SampleFaults(FaultRates rates, ulong chip) => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <summary>The real mapping's <c>State</c> (its mapped chip). None is ever made: <c>Map</c> throws first.</summary>
    public sealed class State : IChip
    {
        private State()
        {
        }

        /// <inheritdoc/>
        public IMapping Mapping => throw DeclarationHasErrorsException.Of<TSelf>();
    }

    IChip IMapping.CreateChip() => throw DeclarationHasErrorsException.Of<TSelf>();

    FaultMap IMapping.SampleFaults(FaultRates rates, ulong chip) => throw DeclarationHasErrorsException.Of<TSelf>();

    void IMapping.Inject(IChip chip, FaultMap faults) => throw DeclarationHasErrorsException.Of<TSelf>();
}

/// <summary>
/// A mapping with errors of a known network: the contract over the network's weights (<see cref="IMapping{TWeights}"/>),
/// so that it types like the real mapping in generic code, and the real mapping's static <c>Map</c>, <c>ReadBack</c> and
/// <c>Inject</c> over its <c>State</c>.
/// </summary>
/// <typeparam name="TSelf">The generated stand-in mapping.</typeparam>
/// <typeparam name="TWeights">The network's weights (real or itself a stand-in).</typeparam>
public abstract class MappingStandIn<TSelf, TWeights> : MappingStandIn<TSelf>, IMapping<TWeights>
    where TSelf : MappingStandIn<TSelf, TWeights>, IStandIn
    where TWeights : class, INetworkWeights<TWeights>
{
    /// <summary>The real mapping's <c>Map(weights)</c>.</summary>
    public static State Map(TWeights weights) => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <summary>The real mapping's <c>Map(weights, state)</c>.</summary>
    public static void Map(TWeights weights, State state) => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <summary>The real mapping's <c>ReadBack(state)</c>.</summary>
    public static TWeights ReadBack(State state) => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <summary>The real mapping's <c>ReadBack(state, into)</c>.</summary>
    public static void ReadBack(State state, TWeights into) => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <summary>The real mapping's <c>Inject(state, faults)</c>.</summary>
    public static void Inject(State state, FaultMap faults) => throw DeclarationHasErrorsException.Of<TSelf>();

    IPruning<TWeights>? IMapping<TWeights>.Pruning => throw DeclarationHasErrorsException.Of<TSelf>();

    IChip IMapping<TWeights>.Map(TWeights weights) => throw DeclarationHasErrorsException.Of<TSelf>();

    void IMapping<TWeights>.Map(TWeights weights, IChip chip) => throw DeclarationHasErrorsException.Of<TSelf>();

    TWeights IMapping<TWeights>.ReadBack(IChip chip) => throw DeclarationHasErrorsException.Of<TSelf>();

    void IMapping<TWeights>.ReadBack(IChip chip, TWeights into) => throw DeclarationHasErrorsException.Of<TSelf>();
}
