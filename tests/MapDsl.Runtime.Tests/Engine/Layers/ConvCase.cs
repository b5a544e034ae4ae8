using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Layers;

/// <summary>One convolution shape with seeded random input, weights and bias, and its float64 reference.</summary>
internal sealed record ConvCase(int Batch, int InC, int InH, int InW, int OutC, int KH, int KW, int Stride, int Pad)
{
    /// <summary>Stride 1 to 3, padding 0 to 2, square and non-square kernels and images, 1x1, kernel wider than the image.</summary>
    public static TheoryData<int, int, int, int, int, int, int, int, int> Shapes => new()
    {
        { 1, 1, 5, 5, 1, 3, 3, 1, 0 },
        { 2, 3, 7, 6, 4, 3, 3, 2, 1 },
        { 3, 2, 8, 9, 3, 2, 3, 1, 2 },
        { 2, 2, 6, 5, 3, 3, 2, 2, 2 },
        { 2, 1, 4, 4, 2, 5, 5, 1, 2 },
        { 3, 3, 5, 5, 2, 1, 1, 1, 0 },
        { 2, 2, 9, 10, 3, 3, 3, 3, 0 },
        { 4, 1, 6, 3, 2, 1, 3, 2, 1 },
        { 2, 2, 20, 35, 3, 3, 3, 2, 1 }, // stride 2 over more than sixteen output columns (two vector blocks)
        { 1, 3, 28, 28, 4, 1, 1, 2, 0 }, // a residual network's 1x1 stride-2 shortcut
    };

    public int OutH => Sizes.ConvOutput(InH, KH, Stride, Pad);
    public int OutW => Sizes.ConvOutput(InW, KW, Stride, Pad);
    public int InputLength => Batch * InC * InH * InW;
    public int OutputLength => Batch * OutC * OutH * OutW;
    public int WeightLength => OutC * InC * KH * KW;

    public float[] Input { get; private init; } = [];
    public float[] Weights { get; private init; } = [];
    public float[] Bias { get; private init; } = [];

    public static ConvCase Create(int seed, int batch, int inC, int inH, int inW, int outC, int kH, int kW, int stride, int pad)
    {
        var random = new Random(seed);
        var shape = new ConvCase(batch, inC, inH, inW, outC, kH, kW, stride, pad);
        return shape with
        {
            Input = TestTensors.Uniform(random, shape.InputLength),
            Weights = TestTensors.Uniform(random, shape.WeightLength),
            Bias = TestTensors.Uniform(random, outC),
        };
    }

    public float[] Scratch(int imagesPerGemm) =>
        new float[Sizes.Conv2dScratch(imagesPerGemm, InC, InH, InW, OutC, KH, KW, Stride, Pad)];

    public double[] Reference(double[] x, double[] w, double[] b) =>
        ReferenceLayers.Conv(x, w, b, Batch, InC, InH, InW, OutC, KH, KW, Stride, Pad);

    public void Forward(float[] output, float[] scratch) =>
        Conv2d.Forward(Input, Weights, Bias, output, Batch, InC, InH, InW, OutC, KH, KW, Stride, Pad, scratch);

    public void Backward(float[] gradOutput, Span<float> gradInput, float[] gradWeights, float[] gradBias, float[] scratch) =>
        Conv2d.Backward(Input, Weights, gradOutput, gradInput, gradWeights, gradBias, Batch, InC, InH, InW, OutC, KH, KW, Stride, Pad, scratch);
}
