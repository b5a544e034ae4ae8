namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// One layer of a <see cref="NetworkGraph"/>: its shapes per image and the runtime kernel calls that compute it,
/// forward and backward. This is the only place a layer is computed: the generated <c>Model</c> of a network is a
/// <see cref="GraphModel{TWeights}"/> over its graph, and campaign evaluation runs the same graph.
/// </summary>
/// <remarks>
/// Steps hold shapes only, never weights: weights are arguments, so one graph serves the clean network and every
/// faulty copy of it, on any thread.
/// </remarks>
public abstract class GraphStep : GraphNode
{
    private protected GraphStep(int inputLength, int outputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputLength);
        InputLength = inputLength;
        OutputLength = outputLength;
    }

    /// <summary>Values of one image's input to this step.</summary>
    public int InputLength { get; }

    /// <summary>Values of one image's output of this step.</summary>
    public int OutputLength { get; }

    /// <summary>The index of this step's weights among the weighted layers (conv and dense), or -1 if it has none.</summary>
    public virtual int WeightedIndex => -1;

    /// <summary>Whether the step holds weights (conv and dense).</summary>
    public bool IsWeighted => WeightedIndex >= 0;

    /// <summary>The layer's name as the network declares it, for steps with weights; null for the others.</summary>
    public virtual string? Name => null;

    /// <summary>Ints per image that a training forward pass records for the backward pass (max pooling's argmax); 0 for most steps.</summary>
    public virtual int IndexLength => 0;

    /// <summary>
    /// Floats of conv scratch this step needs to put <paramref name="imagesPerGemm"/> images in one GEMM; 0 for
    /// steps without im2col.
    /// </summary>
    /// <param name="imagesPerGemm">Images per GEMM, at least 1.</param>
    public virtual int ScratchFor(int imagesPerGemm) => 0;

    /// <summary>Computes the step for a batch, overwriting <paramref name="output"/>.</summary>
    /// <param name="input">[batch, <see cref="InputLength"/>].</param>
    /// <param name="weights">The step's weights (PyTorch layout); ignored by steps without weights.</param>
    /// <param name="bias">The step's biases; ignored by steps without weights.</param>
    /// <param name="output">[batch, <see cref="OutputLength"/>]; must not overlap <paramref name="input"/>.</param>
    /// <param name="batch">Images.</param>
    /// <param name="scratch">Conv scratch (see <see cref="ScratchFor"/>); ignored by the other steps.</param>
    public abstract void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, int batch, Span<float> scratch);

    /// <summary>
    /// Computes the step for a batch and records what its backward pass needs beyond input and output
    /// (<see cref="IndexLength"/> ints per image); the output is the same as <see cref="Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, Span{float})"/>'s.
    /// </summary>
    /// <param name="input">[batch, <see cref="InputLength"/>].</param>
    /// <param name="weights">The step's weights; ignored by steps without weights.</param>
    /// <param name="bias">The step's biases; ignored by steps without weights.</param>
    /// <param name="output">[batch, <see cref="OutputLength"/>].</param>
    /// <param name="indices">[batch, <see cref="IndexLength"/>], or empty to record nothing.</param>
    /// <param name="batch">Images.</param>
    /// <param name="scratch">Conv scratch.</param>
    public virtual void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, Span<int> indices, int batch, Span<float> scratch) =>
        Forward(input, weights, bias, output, batch, scratch);

    /// <summary>
    /// The step's backward pass for a batch: the gradient of the loss with respect to its input and (for steps with
    /// weights) its weights and biases, from the gradient with respect to its output.
    /// </summary>
    /// <param name="input">The batch's input of the forward pass, [batch, <see cref="InputLength"/>].</param>
    /// <param name="output">Its output, [batch, <see cref="OutputLength"/>].</param>
    /// <param name="indices">What the forward pass recorded, [batch, <see cref="IndexLength"/>].</param>
    /// <param name="outputGradient">dLoss/dOutput, [batch, <see cref="OutputLength"/>].</param>
    /// <param name="inputGradient">dLoss/dInput, overwritten; empty to skip it (the first layer).</param>
    /// <param name="weights">The step's weights; ignored by steps without weights.</param>
    /// <param name="weightGradient">dLoss/dWeights, overwritten; ignored by steps without weights.</param>
    /// <param name="biasGradient">dLoss/dBias, overwritten; ignored by steps without weights.</param>
    /// <param name="batch">Images.</param>
    /// <param name="scratch">Conv scratch.</param>
    public abstract void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<int> indices, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> weights, Span<float> weightGradient, Span<float> biasGradient, int batch, Span<float> scratch);
}
