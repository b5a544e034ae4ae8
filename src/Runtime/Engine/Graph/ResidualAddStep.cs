using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// The end of a residual block: body output + shortcut output. It is the one step with two inputs, so
/// <see cref="NetworkGraph"/> calls <see cref="Add"/> with both rather than the one-input <see cref="Forward"/>.
/// </summary>
public sealed class ResidualAddStep : GraphStep
{
    internal ResidualAddStep(string block, int length)
        : base(length, length)
    {
        Block = block;
    }

    /// <summary>The block this step ends.</summary>
    public string Block { get; }

    /// <summary>output = body + shortcut, elementwise.</summary>
    /// <param name="body">[batch, length].</param>
    /// <param name="shortcut">[batch, length].</param>
    /// <param name="output">[batch, length]; may be neither input.</param>
    public static void Add(ReadOnlySpan<float> body, ReadOnlySpan<float> shortcut, Span<float> output) =>
        VectorMath.Add(body, shortcut, output);

    /// <summary>Not used: the step has two inputs (see <see cref="Add"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, int batch, Span<float> scratch) =>
        throw new NotSupportedException("A residual addition has two inputs; NetworkGraph adds them.");

    /// <summary>The gradient passes unchanged to both inputs; this copies it to one of them.</summary>
    public override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<int> indices, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> weights, Span<float> weightGradient, Span<float> biasGradient, int batch, Span<float> scratch) =>
        outputGradient.CopyTo(inputGradient);

    /// <inheritdoc/>
    public override string ToString() => $"residual {Block} add {InputLength}";
}
