using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Engine.Graph;

/// <summary><c>global-avgpool;</c>: C x H x W to C, each channel's mean (<see cref="GlobalAvgPool"/>).</summary>
public sealed class GlobalAvgPoolStep : GraphStep
{
    /// <summary>Describes a global average pool.</summary>
    /// <param name="channels">Input channels (the output length).</param>
    /// <param name="height">Input height.</param>
    /// <param name="width">Input width.</param>
    public GlobalAvgPoolStep(int channels, int height, int width)
        : base(checked(channels * height * width), channels)
    {
        Channels = channels;
        Plane = height * width;
    }

    /// <summary>Channels.</summary>
    public int Channels { get; }

    /// <summary>H · W, the values averaged per channel.</summary>
    public int Plane { get; }

    /// <inheritdoc/>
    public override void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, int batch, Span<float> scratch) =>
        GlobalAvgPool.Forward(input.Slice(0, batch * InputLength), output.Slice(0, batch * OutputLength), Plane);

    /// <inheritdoc/>
    public override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<int> indices, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> weights, Span<float> weightGradient, Span<float> biasGradient, int batch, Span<float> scratch) =>
        GlobalAvgPool.Backward(outputGradient.Slice(0, batch * OutputLength), inputGradient.Slice(0, batch * InputLength), Plane);

    /// <inheritdoc/>
    public override string ToString() => $"global-avgpool {Channels}x{Plane} -> {Channels}";
}
