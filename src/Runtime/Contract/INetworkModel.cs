namespace MapDsl.Runtime.Contract;

/// <summary>
/// The generated forward and training pass of a network (<c>MyNet.Model</c>). A model owns its activation buffers, so
/// each thread needs its own.
/// </summary>
/// <typeparam name="TWeights">The network's generated weights type.</typeparam>
public interface INetworkModel<in TWeights>
    where TWeights : class, INetworkWeights
{
    /// <summary>The largest batch the model accepts.</summary>
    int MaxBatch { get; }

    /// <summary>The network's outputs (logits) of a batch, batch-major; valid until the next call.</summary>
    /// <param name="input">The inputs, batch-major.</param>
    /// <param name="batch">Inputs in the batch.</param>
    /// <param name="weights">The weights to compute with.</param>
    /// <returns>The logits.</returns>
    ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, int batch, TWeights weights);

    /// <summary>Mean cross-entropy of the batch; writes the gradients of every weight and bias.</summary>
    /// <param name="input">The inputs, batch-major.</param>
    /// <param name="labels">The class of each input.</param>
    /// <param name="batch">Inputs in the batch.</param>
    /// <param name="weights">The weights to compute with.</param>
    /// <param name="gradients">Receives the gradients (overwritten).</param>
    /// <returns>The mean loss.</returns>
    double Loss(ReadOnlySpan<float> input, ReadOnlySpan<byte> labels, int batch, TWeights weights, TWeights gradients);

    /// <summary>How many inputs of the batch the network classifies correctly.</summary>
    /// <param name="input">The inputs, batch-major.</param>
    /// <param name="labels">The class of each input.</param>
    /// <param name="batch">Inputs in the batch.</param>
    /// <param name="weights">The weights to compute with.</param>
    /// <returns>The count.</returns>
    int CountCorrect(ReadOnlySpan<float> input, ReadOnlySpan<byte> labels, int batch, TWeights weights);
}
