using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Engine.Graph;

/// <summary>Average pooling: <see cref="AvgPool2d.Forward"/>.</summary>
public sealed class AvgPool2dStep : PoolWindow
{
    /// <summary>Describes an average pool.</summary>
    /// <param name="channels">Channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="windowHeight">Window height.</param>
    /// <param name="windowWidth">Window width.</param>
    /// <param name="strideHeight">Step down.</param>
    /// <param name="strideWidth">Step across.</param>
    public AvgPool2dStep(int channels, int inHeight, int inWidth, int windowHeight, int windowWidth, int strideHeight, int strideWidth)
        : base(channels, inHeight, inWidth, windowHeight, windowWidth, strideHeight, strideWidth)
    {
    }

    /// <inheritdoc/>
    public override void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, int batch, Span<float> scratch) =>
        AvgPool2d.Forward(input, output, batch, Channels, InHeight, InWidth, WindowHeight, WindowWidth, StrideHeight, StrideWidth);

    /// <inheritdoc/>
    public override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<int> indices, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> weights, Span<float> weightGradient, Span<float> biasGradient, int batch, Span<float> scratch) =>
        AvgPool2d.Backward(outputGradient, inputGradient, batch, Channels, InHeight, InWidth, WindowHeight, WindowWidth, StrideHeight, StrideWidth);

    /// <inheritdoc/>
    public override string ToString() =>
        $"avgpool {WindowHeight}x{WindowWidth} {Channels}x{InHeight}x{InWidth} -> {Channels}x{OutHeight}x{OutWidth}";
}
