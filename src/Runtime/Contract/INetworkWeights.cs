using MapDsl.Runtime.Engine.Graph;

namespace MapDsl.Runtime.Contract;

/// <summary>
/// The weights and biases of a generated network (<c>MyNet.Weights</c>), seen without its generated type: one weight
/// array (PyTorch layout) and one bias array per weighted layer, named as in the .xmap file.
/// </summary>
public interface INetworkWeights
{
    /// <summary>The network's name in the .xmap file.</summary>
    string Network { get; }

    /// <summary>The weighted layers' names, in network order.</summary>
    IReadOnlyList<string> LayerNames { get; }

    /// <summary>The weights of a layer (the container's own array, not a copy).</summary>
    /// <param name="layer">A name of <see cref="LayerNames"/>.</param>
    /// <returns>The array.</returns>
    /// <exception cref="ArgumentException">The network has no weighted layer of that name.</exception>
    float[] WeightsOf(string layer);

    /// <summary>The biases of a layer (the container's own array, not a copy).</summary>
    /// <param name="layer">A name of <see cref="LayerNames"/>.</param>
    /// <returns>The array.</returns>
    /// <exception cref="ArgumentException">The network has no weighted layer of that name.</exception>
    float[] BiasOf(string layer);

    /// <summary>
    /// The parameters of the network's batch norms, in network order (the graph's <c>NormSteps</c>); empty for a
    /// network without. In a gradients container their γ and β hold the gradients.
    /// </summary>
    IReadOnlyList<BatchNormParameters> Norms => [];
}

/// <summary>
/// The generated weights type of one network, with what generic code needs of the network itself (its graph, a model
/// to run it, loading), so that library code written once over <typeparamref name="TSelf"/> runs any network.
/// </summary>
/// <typeparam name="TSelf">The generated <c>Weights</c> class itself.</typeparam>
public interface INetworkWeights<TSelf> : INetworkWeights
    where TSelf : class, INetworkWeights<TSelf>
{
    /// <summary>The network's layers as the runtime's graph (for incremental evaluation).</summary>
    static abstract NetworkGraph Graph { get; }

    /// <summary>All weights and biases zero.</summary>
    /// <returns>A new container.</returns>
    static abstract TSelf Zero();

    /// <summary>Loads weights saved by PyTorch or by <c>SaveSafetensors</c>, checking every shape.</summary>
    /// <param name="path">A .safetensors file.</param>
    /// <returns>The weights.</returns>
    static abstract TSelf LoadSafetensors(string path);

    /// <summary>A forward and training pass of the network for batches of up to <paramref name="maxBatch"/> inputs.</summary>
    /// <param name="maxBatch">The largest batch the model will be given.</param>
    /// <returns>A new model with its own buffers (one per thread).</returns>
    static abstract INetworkModel<TSelf> CreateModel(int maxBatch);

    /// <summary>A deep copy.</summary>
    /// <returns>The copy.</returns>
    TSelf Clone();

    /// <summary>Saves the weights as safetensors (float32, PyTorch names and shapes), atomically.</summary>
    /// <param name="path">The file.</param>
    /// <param name="metadata">String metadata stored in the header, e.g. the training settings.</param>
    void SaveSafetensors(string path, IReadOnlyDictionary<string, string>? metadata = null);
}
