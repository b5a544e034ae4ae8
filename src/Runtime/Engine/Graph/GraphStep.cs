namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// One layer of a <see cref="NetworkGraph"/>: its shapes per image and the runtime kernel call that computes it,
/// with exactly the arguments the generated <c>Model.Forward</c> passes, so a graph run and the generated model give
/// bit-identical results.
/// </summary>
/// <remarks>
/// Steps hold shapes only, never weights: weights are arguments, so one graph serves the clean network and every
/// faulty copy of it, on any thread.
/// </remarks>
public abstract class GraphStep
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
}
