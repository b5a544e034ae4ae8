using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// <c>dropout R;</c>: the identity at inference (this class's step-API <see cref="Forward"/>), <see cref="Dropout"/>
/// in training, where <see cref="NetworkGraph"/> calls <see cref="ForwardTraining"/> with the workspace's stream.
/// </summary>
public sealed class DropoutStep : GraphStep
{
    /// <summary>Describes a dropout.</summary>
    /// <param name="length">Values per image.</param>
    /// <param name="rate">Probability of dropping a value in training, 0 ≤ rate &lt; 1.</param>
    public DropoutStep(int length, float rate)
        : base(length, length)
    {
        if (!(rate >= 0f && rate < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A dropout rate must be at least 0 and below 1.");
        }

        Rate = rate;
    }

    /// <summary>Probability of dropping a value in training.</summary>
    public float Rate { get; }

    /// <summary>The mask of kept values, for the backward pass.</summary>
    public override int IndexLength => InputLength;

    /// <summary>Inference: the identity.</summary>
    public override void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, int batch, Span<float> scratch) =>
        input.Slice(0, batch * InputLength).CopyTo(output);

    /// <summary>Training: drops values and records which were kept.</summary>
    /// <param name="input">[batch, length].</param>
    /// <param name="output">[batch, length].</param>
    /// <param name="kept">[batch, length].</param>
    /// <param name="batch">Images.</param>
    /// <param name="stream">This call's random stream.</param>
    public void ForwardTraining(ReadOnlySpan<float> input, Span<float> output, Span<int> kept, int batch, ulong stream) =>
        Dropout.ForwardTraining(input.Slice(0, batch * InputLength), output.Slice(0, batch * OutputLength), kept.Slice(0, batch * InputLength), Rate, stream);

    /// <summary>The backward pass of a training forward pass (an inference pass keeps every value).</summary>
    public override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<int> indices, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> weights, Span<float> weightGradient, Span<float> biasGradient, int batch, Span<float> scratch) =>
        Dropout.BackwardTraining(indices.Slice(0, batch * InputLength), outputGradient.Slice(0, batch * OutputLength), inputGradient.Slice(0, batch * InputLength), Rate);

    /// <inheritdoc/>
    public override string ToString() => $"dropout {Rate:0.###} {InputLength}";
}
