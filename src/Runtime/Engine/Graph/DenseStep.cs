using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Engine.Graph;

/// <summary>A fully connected layer: <see cref="Dense.Forward"/> with weights [outputs, inputs] and biases [outputs].</summary>
public sealed class DenseStep : GraphStep
{
    /// <summary>Describes a dense layer.</summary>
    /// <param name="name">The layer's .xmap name, for messages.</param>
    /// <param name="weightedIndex">Its index among the weighted layers.</param>
    /// <param name="inputs">Input features.</param>
    /// <param name="outputs">Output features.</param>
    public DenseStep(string name, int weightedIndex, int inputs, int outputs)
        : base(inputs, outputs)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegative(weightedIndex);
        Name = name;
        WeightedIndex = weightedIndex;
    }

    /// <summary>The layer's .xmap name.</summary>
    public override string Name { get; }

    /// <inheritdoc/>
    public override int WeightedIndex { get; }

    /// <summary>Weights: outputs · inputs.</summary>
    public int WeightCount => OutputLength * InputLength;

    /// <inheritdoc/>
    public override void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, int batch, Span<float> scratch) =>
        Dense.Forward(input, weights, bias, output, batch, InputLength, OutputLength);

    /// <inheritdoc/>
    public override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<int> indices, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> weights, Span<float> weightGradient, Span<float> biasGradient, int batch, Span<float> scratch) =>
        Dense.Backward(input, weights, outputGradient, inputGradient, weightGradient, biasGradient, batch, InputLength, OutputLength);

    /// <inheritdoc/>
    public override string ToString() => $"dense {Name} {InputLength} -> {OutputLength}";
}
