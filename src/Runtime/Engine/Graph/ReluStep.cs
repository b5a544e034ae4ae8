using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Engine.Graph;

/// <summary>max(x, 0) elementwise: <see cref="Relu.Forward"/>.</summary>
public sealed class ReluStep : GraphStep
{
    /// <summary>Describes a ReLU over <paramref name="length"/> values per image.</summary>
    /// <param name="length">Values per image (input and output alike).</param>
    public ReluStep(int length)
        : base(length, length)
    {
    }

    /// <inheritdoc/>
    public override void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, int batch, Span<float> scratch) =>
        Relu.Forward(input.Slice(0, batch * InputLength), output.Slice(0, batch * OutputLength));

    /// <inheritdoc/>
    public override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<int> indices, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> weights, Span<float> weightGradient, Span<float> biasGradient, int batch, Span<float> scratch) =>
        Relu.Backward(output, outputGradient, inputGradient);

    /// <inheritdoc/>
    public override string ToString() => $"relu {InputLength}";
}
