using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Engine.Graph;

/// <summary>A convolution: <see cref="Conv2d.Forward"/> with weights [outC, inC, kH, kW] and biases [outC].</summary>
public sealed class Conv2dStep : GraphStep
{
    /// <summary>Describes a convolution; the output size follows <see cref="Sizes.ConvOutput"/>.</summary>
    /// <param name="name">The layer's .xmap name, for messages.</param>
    /// <param name="weightedIndex">Its index among the weighted layers.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelHeight">Kernel height.</param>
    /// <param name="kernelWidth">Kernel width.</param>
    /// <param name="stride">Stride in both directions.</param>
    /// <param name="padding">Zero padding on every side.</param>
    public Conv2dStep(
        string name, int weightedIndex, int inChannels, int inHeight, int inWidth, int outChannels,
        int kernelHeight, int kernelWidth, int stride, int padding)
        : base(
            checked(inChannels * inHeight * inWidth),
            checked(outChannels * Sizes.ConvOutput(inHeight, kernelHeight, stride, padding) * Sizes.ConvOutput(inWidth, kernelWidth, stride, padding)))
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegative(weightedIndex);
        Name = name;
        WeightedIndex = weightedIndex;
        InChannels = inChannels;
        InHeight = inHeight;
        InWidth = inWidth;
        OutChannels = outChannels;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        Stride = stride;
        Padding = padding;
        OutHeight = Sizes.ConvOutput(inHeight, kernelHeight, stride, padding);
        OutWidth = Sizes.ConvOutput(inWidth, kernelWidth, stride, padding);
    }

    /// <summary>The layer's .xmap name.</summary>
    public override string Name { get; }

    /// <inheritdoc/>
    public override int WeightedIndex { get; }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Input height.</summary>
    public int InHeight { get; }

    /// <summary>Input width.</summary>
    public int InWidth { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Kernel height.</summary>
    public int KernelHeight { get; }

    /// <summary>Kernel width.</summary>
    public int KernelWidth { get; }

    /// <summary>Stride in both directions.</summary>
    public int Stride { get; }

    /// <summary>Zero padding on every side.</summary>
    public int Padding { get; }

    /// <summary>Output height.</summary>
    public int OutHeight { get; }

    /// <summary>Output width.</summary>
    public int OutWidth { get; }

    /// <summary>Output positions per channel: <see cref="OutHeight"/> · <see cref="OutWidth"/>.</summary>
    public int OutputPlane => OutHeight * OutWidth;

    /// <summary>Weights per output channel: inC · kH · kW (the crossbar-matrix rows).</summary>
    public int PatchLength => InChannels * KernelHeight * KernelWidth;

    /// <summary>Weights: outC · inC · kH · kW.</summary>
    public int WeightCount => OutChannels * PatchLength;

    /// <inheritdoc/>
    public override int ScratchFor(int imagesPerGemm) =>
        Sizes.Conv2dScratch(imagesPerGemm, InChannels, InHeight, InWidth, OutChannels, KernelHeight, KernelWidth, Stride, Padding);

    /// <inheritdoc/>
    public override void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, int batch, Span<float> scratch) =>
        Conv2d.Forward(input, weights, bias, output, batch, InChannels, InHeight, InWidth, OutChannels, KernelHeight, KernelWidth, Stride, Padding, scratch);

    /// <inheritdoc/>
    public override void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<int> indices, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        ReadOnlySpan<float> weights, Span<float> weightGradient, Span<float> biasGradient, int batch, Span<float> scratch) =>
        Conv2d.Backward(
            input, weights, outputGradient, inputGradient, weightGradient, biasGradient, batch, InChannels, InHeight, InWidth, OutChannels, KernelHeight, KernelWidth, Stride, Padding, scratch);

    /// <inheritdoc/>
    public override string ToString() =>
        $"conv {Name} {InChannels}x{InHeight}x{InWidth} -> {OutChannels}x{OutHeight}x{OutWidth} (kernel {KernelHeight}x{KernelWidth}, stride {Stride}, pad {Padding})";
}
