using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Engine.Graph;

/// <summary>Max pooling: <see cref="MaxPool2d.Forward"/> without recording the argmax (inference only).</summary>
public sealed class MaxPool2dStep : PoolWindow
{
    /// <summary>Describes a max pool.</summary>
    /// <param name="channels">Channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="windowHeight">Window height.</param>
    /// <param name="windowWidth">Window width.</param>
    /// <param name="strideHeight">Step down.</param>
    /// <param name="strideWidth">Step across.</param>
    public MaxPool2dStep(int channels, int inHeight, int inWidth, int windowHeight, int windowWidth, int strideHeight, int strideWidth)
        : base(channels, inHeight, inWidth, windowHeight, windowWidth, strideHeight, strideWidth)
    {
    }

    /// <inheritdoc/>
    public override void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, int batch, Span<float> scratch) =>
        MaxPool2d.Forward(input, output, Span<int>.Empty, batch, Channels, InHeight, InWidth, WindowHeight, WindowWidth, StrideHeight, StrideWidth);

    /// <summary>The argmax of each output: the input its gradient flows back to.</summary>
    public override int IndexLength => OutputLength;

    /// <inheritdoc/>
    public override void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, Span<int> indices, int batch, Span<float> scratch) =>
        MaxPool2d.Forward(input, output, indices, batch, Channels, InHeight, InWidth, WindowHeight, WindowWidth, StrideHeight, StrideWidth);

    /// <inheritdoc/>
    public override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<int> indices, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> weights, Span<float> weightGradient, Span<float> biasGradient, int batch, Span<float> scratch) =>
        MaxPool2d.Backward(outputGradient, indices, inputGradient, batch * Channels);

    /// <inheritdoc/>
    public override string ToString() =>
        $"maxpool {WindowHeight}x{WindowWidth} {Channels}x{InHeight}x{InWidth} -> {Channels}x{OutHeight}x{OutWidth}";
}
