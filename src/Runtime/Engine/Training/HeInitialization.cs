using MapDsl.Runtime.Contract;

namespace MapDsl.Runtime.Engine.Training;

/// <summary>
/// He (Kaiming) normal initialisation for ReLU networks: every weight drawn from N(0, 2 / fan-in) by Box-Muller from
/// a seeded generator, biases 0. Fan-in is the crossbar matrix's rows, the weights per output.
/// </summary>
public static class HeInitialization
{
    /// <summary>Fresh weights for <typeparamref name="TWeights"/>, drawn layer by layer in network order.</summary>
    /// <typeparam name="TWeights">The network's generated weights type.</typeparam>
    /// <param name="random">The generator; the draws continue it (a training run may go on with it for its shuffles).</param>
    public static TWeights Draw<TWeights>(Random random)
        where TWeights : class, INetworkWeights<TWeights>
    {
        ArgumentNullException.ThrowIfNull(random);
        var weights = TWeights.Zero();
        foreach (var layer in weights.LayerNames)
        {
            var values = weights.WeightsOf(layer);
            int fanIn = values.Length / weights.BiasOf(layer).Length;
            double scale = Math.Sqrt(2.0 / fanIn);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()) * scale);
            }
        }

        // Batch norms start as PyTorch's do: γ = 1, β = 0, mean 0, variance 1.
        foreach (var norm in weights.Norms)
        {
            new Graph.BatchNormParameters(norm.Name, norm.Channels).CopyTo(norm);
        }

        return weights;
    }
}
