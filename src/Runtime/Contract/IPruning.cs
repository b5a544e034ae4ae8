namespace MapDsl.Runtime.Contract;

/// <summary>A pruning declaration (<c>pruning X for N</c>), seen without its generated type.</summary>
public interface IPruning
{
    /// <summary>The declaration's name.</summary>
    string Name { get; }

    /// <summary>The network it prunes.</summary>
    string Network { get; }

    /// <summary>The rule of every weighted layer, in network order (<c>none</c> for layers it leaves dense).</summary>
    IReadOnlyList<LayerPruning> Layers { get; }
}

/// <summary>A pruning declaration of the network whose generated weights type is <typeparamref name="TWeights"/>.</summary>
/// <typeparam name="TWeights">The network's generated weights type.</typeparam>
public interface IPruning<TWeights> : IPruning
    where TWeights : class, INetworkWeights<TWeights>
{
    /// <summary>A pruned copy (biases are never pruned).</summary>
    /// <param name="weights">The weights to prune.</param>
    /// <returns>The copy.</returns>
    TWeights Apply(TWeights weights);

    /// <summary>Prunes in place.</summary>
    /// <param name="weights">The weights to prune.</param>
    void ApplyInPlace(TWeights weights);

    /// <summary>
    /// The keep-masks the rules select from these weights, one per weighted layer in network order (true = kept), in
    /// the form masked training takes them (see <c>TrainableLayer.From</c>).
    /// </summary>
    /// <param name="weights">The weights the masks are chosen from.</param>
    /// <returns>One mask per layer.</returns>
    IReadOnlyList<bool[]> Keep(TWeights weights);
}
