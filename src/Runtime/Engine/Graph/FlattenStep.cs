namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// Flatten: NCHW memory already is the flattened vector (see <see cref="Layers.Flatten"/>), so the step copies,
/// as the generated model does.
/// </summary>
public sealed class FlattenStep : GraphStep
{
    /// <summary>Describes a flatten of <paramref name="length"/> values per image.</summary>
    /// <param name="length">Values per image (input and output alike).</param>
    public FlattenStep(int length)
        : base(length, length)
    {
    }

    /// <inheritdoc/>
    public override void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, int batch, Span<float> scratch) =>
        input.Slice(0, batch * InputLength).CopyTo(output);

    /// <inheritdoc/>
    public override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<int> indices, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> weights, Span<float> weightGradient, Span<float> biasGradient, int batch, Span<float> scratch) =>
        outputGradient.CopyTo(inputGradient); // NCHW memory is already the flattened vector

    /// <inheritdoc/>
    public override string ToString() => $"flatten {InputLength}";
}
