using MapDsl.Runtime.Contract;

namespace MapDsl.Runtime.Engine.Training;

/// <summary>
/// One weighted layer as <see cref="MaskedTrainer"/> trains it: its parameter arrays (updated in place), the arrays the
/// loss writes their gradients into, and an optional keep-mask of its weights. Biases are never masked, as in pruning.
/// </summary>
public sealed class TrainableLayer
{
    /// <summary>Wraps the given arrays (not copied) after checking that their lengths agree.</summary>
    /// <param name="name">The layer's name, for messages.</param>
    /// <param name="weights">Weights, trained in place.</param>
    /// <param name="bias">Biases, trained in place.</param>
    /// <param name="weightGradient">Where the loss writes the gradient of <paramref name="weights"/>.</param>
    /// <param name="biasGradient">Where the loss writes the gradient of <paramref name="bias"/>.</param>
    /// <param name="keep">One entry per weight, true = kept; null trains every weight.</param>
    /// <exception cref="ArgumentException">An array is missing or its length does not match its counterpart's.</exception>
    public TrainableLayer(string name, float[] weights, float[] bias, float[] weightGradient, float[] biasGradient, bool[]? keep = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(weightGradient);
        ArgumentNullException.ThrowIfNull(biasGradient);
        SameLength(name, "weight gradient", weightGradient.Length, "weights", weights.Length, nameof(weightGradient));
        SameLength(name, "bias gradient", biasGradient.Length, "biases", bias.Length, nameof(biasGradient));
        if (keep is not null)
        {
            SameLength(name, "keep-mask", keep.Length, "weights", weights.Length, nameof(keep));
        }

        Name = name;
        Weights = weights;
        Bias = bias;
        WeightGradient = weightGradient;
        BiasGradient = biasGradient;
        Keep = keep;
    }

    /// <summary>The layer's name.</summary>
    public string Name { get; }

    /// <summary>Weights, trained in place.</summary>
    public float[] Weights { get; }

    /// <summary>Biases, trained in place.</summary>
    public float[] Bias { get; }

    /// <summary>The gradient of <see cref="Weights"/>, written by the loss.</summary>
    public float[] WeightGradient { get; }

    /// <summary>The gradient of <see cref="Bias"/>, written by the loss.</summary>
    public float[] BiasGradient { get; }

    /// <summary>Keep-mask of <see cref="Weights"/> (true = kept), or null when no weight is pruned.</summary>
    public bool[]? Keep { get; }

    /// <summary>
    /// The layers of a generated network, by name: pass the generated <c>WeightedLayerNames</c> and the
    /// <c>WeightsOf</c>/<c>BiasOf</c> of the trained weights and of the gradient container that the generated
    /// <c>Model.Loss</c> writes into.
    /// </summary>
    /// <param name="layers">Layer names, in order.</param>
    /// <param name="weightsOf">The weights of a layer.</param>
    /// <param name="biasOf">The biases of a layer.</param>
    /// <param name="gradientOf">The weight gradient of a layer.</param>
    /// <param name="biasGradientOf">The bias gradient of a layer.</param>
    /// <param name="keepOf">The keep-mask of a layer's weights, or null (for the function or its result) for none.</param>
    public static IReadOnlyList<TrainableLayer> From(
        IReadOnlyList<string> layers,
        Func<string, float[]> weightsOf,
        Func<string, float[]> biasOf,
        Func<string, float[]> gradientOf,
        Func<string, float[]> biasGradientOf,
        Func<string, bool[]?>? keepOf = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        return [.. layers.Select(l => new TrainableLayer(l, weightsOf(l), biasOf(l), gradientOf(l), biasGradientOf(l), keepOf?.Invoke(l)))];
    }

    /// <summary>
    /// The layers of a generated network's weights, each with its keep-mask from <paramref name="keep"/> (as a
    /// generated pruning's <c>Keep</c> returns them: one per weighted layer, in network order).
    /// </summary>
    /// <param name="weights">The weights to train, in place.</param>
    /// <param name="gradients">The container the generated <c>Model.Loss</c> writes gradients into.</param>
    /// <param name="keep">One keep-mask per weighted layer, or null to train every weight.</param>
    /// <exception cref="ArgumentException">The masks do not match the layers.</exception>
    public static IReadOnlyList<TrainableLayer> From(INetworkWeights weights, INetworkWeights gradients, IReadOnlyList<bool[]>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(gradients);
        var layers = weights.LayerNames;
        if (keep is not null && keep.Count != layers.Count)
        {
            throw new ArgumentException($"{weights.Network} has {layers.Count} weighted layers, but {keep.Count} keep-masks were given.", nameof(keep));
        }

        // A batch norm trains like a layer whose weights are γ and whose biases are β.
        return
        [
            .. layers.Select((l, i) => new TrainableLayer(l, weights.WeightsOf(l), weights.BiasOf(l), gradients.WeightsOf(l), gradients.BiasOf(l), keep?[i])),
            .. weights.Norms.Zip(gradients.Norms, (n, g) => new TrainableLayer(n.Name, n.Gamma, n.Beta, g.Gamma, g.Beta)),
        ];
    }

    private static void SameLength(string layer, string what, int length, string other, int otherLength, string parameter)
    {
        if (length != otherLength)
        {
            throw new ArgumentException($"Layer '{layer}': the {what} has {length} entries but there are {otherLength} {other}.", parameter);
        }
    }
}
