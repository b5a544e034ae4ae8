namespace MapDsl.Runtime.Contract.StandIns;

/// <summary>A pruning with errors whose network is unknown too: the contract without weights (<see cref="IPruning"/>).</summary>
/// <typeparam name="TSelf">The generated stand-in pruning.</typeparam>
public abstract class PruningStandIn<TSelf> : IPruning
    where TSelf : PruningStandIn<TSelf>, IStandIn
{
    /// <summary>The real pruning's <c>Layers</c>.</summary>
    public static IReadOnlyList<LayerPruning> Layers => throw DeclarationHasErrorsException.Of<TSelf>();

    string IPruning.Name => throw DeclarationHasErrorsException.Of<TSelf>();

    string IPruning.Network => throw DeclarationHasErrorsException.Of<TSelf>();

    IReadOnlyList<LayerPruning> IPruning.Layers => throw DeclarationHasErrorsException.Of<TSelf>();
}

/// <summary>
/// A pruning with errors of a known network: the contract over the network's weights (<see cref="IPruning{TWeights}"/>)
/// and the real pruning's static <c>Apply</c>, <c>ApplyInPlace</c> and <c>Keep</c>. Per-layer members cannot exist.
/// </summary>
/// <typeparam name="TSelf">The generated stand-in pruning.</typeparam>
/// <typeparam name="TWeights">The network's weights (real or itself a stand-in).</typeparam>
public abstract class PruningStandIn<TSelf, TWeights> : PruningStandIn<TSelf>, IPruning<TWeights>
    where TSelf : PruningStandIn<TSelf, TWeights>, IStandIn
    where TWeights : class, INetworkWeights<TWeights>
{
    /// <summary>The real pruning's <c>Apply</c>.</summary>
    public static TWeights Apply(TWeights weights) => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <summary>The real pruning's <c>ApplyInPlace</c>.</summary>
    public static void ApplyInPlace(TWeights weights) => throw DeclarationHasErrorsException.Of<TSelf>();

    /// <summary>The real pruning's <c>Keep</c>.</summary>
    public static IReadOnlyList<bool[]> Keep(TWeights weights) => throw DeclarationHasErrorsException.Of<TSelf>();

    TWeights IPruning<TWeights>.Apply(TWeights weights) => throw DeclarationHasErrorsException.Of<TSelf>();

    void IPruning<TWeights>.ApplyInPlace(TWeights weights) => throw DeclarationHasErrorsException.Of<TSelf>();

    IReadOnlyList<bool[]> IPruning<TWeights>.Keep(TWeights weights) => throw DeclarationHasErrorsException.Of<TSelf>();
}
