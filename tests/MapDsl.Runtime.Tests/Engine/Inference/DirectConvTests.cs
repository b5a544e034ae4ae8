using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Engine.Inference;
using MapDsl.Runtime.Tests.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Inference;

public sealed unsafe class DirectConvTests
{
    /// <summary>
    /// ResNet-8's convolutions (a planar 1-channel stem, 16/32/64 channels at 28/14/7 pixels, stride 2, 1x1 shortcuts)
    /// and shapes around them: planar RGB at stride 2, channels that fill no whole block, rows longer than a tile
    /// with a ragged end, a 5x5 kernel, a 1x1 stride-1 conv, rows of 7 or fewer pixels (two-row tiles, an odd row
    /// left over or not). The last value is the input's block width.
    /// </summary>
    public static TheoryData<int, int, int, int, int, int, int, int, int> Shapes => new()
    {
        { 1, 28, 28, 16, 3, 3, 1, 1, 1 },
        { 16, 28, 28, 16, 3, 3, 1, 1, 16 },
        { 16, 28, 28, 32, 3, 3, 2, 1, 16 },
        { 16, 28, 28, 32, 1, 1, 2, 0, 16 },
        { 32, 14, 14, 32, 3, 3, 1, 1, 16 },
        { 32, 14, 14, 64, 3, 3, 2, 1, 16 },
        { 32, 14, 14, 64, 1, 1, 2, 0, 16 },
        { 64, 7, 7, 64, 3, 3, 1, 1, 16 },
        { 3, 9, 11, 16, 3, 3, 2, 1, 1 },
        { 20, 10, 10, 48, 3, 3, 1, 1, 16 },
        { 16, 30, 31, 10, 3, 3, 1, 1, 16 },
        { 16, 6, 6, 32, 5, 5, 1, 1, 16 },
        { 8, 5, 20, 32, 1, 1, 1, 0, 16 },
        { 16, 9, 13, 32, 3, 2, 1, 1, 16 },
        { 16, 5, 5, 32, 3, 3, 1, 1, 16 },
        { 16, 12, 9, 64, 3, 3, 2, 1, 16 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_tile_pass_matches_a_float64_convolution_with_its_batch_norm_residual_and_relu(
        int inC, int inH, int inW, int outC, int kH, int kW, int stride, int pad, int blockWidth)
    {
        var conv = ConvCase.Create(31, 1, inC, inH, inW, outC, kH, kW, stride, pad);
        var step = new Conv2dStep("c", 0, inC, inH, inW, outC, kH, kW, stride, pad);
        var direct = new DirectConv(step, new BlockedShape(inC, inH, inW, blockWidth));
        var norm = RandomNorm(new Random(32), outC);
        var residual = TestTensors.Uniform(new Random(33), outC * conv.OutH * conv.OutW);
        double[] plain = conv.Reference(TestTensors.ToDouble(conv.Input), TestTensors.ToDouble(conv.Weights), TestTensors.ToDouble(conv.Bias));

        foreach (var (withNorm, withResidual, relu) in new[] { (false, false, false), (true, false, true), (true, true, true), (false, true, false) })
        {
            var expected = plain.Select((v, i) =>
            {
                int o = i / (conv.OutH * conv.OutW);
                double y = withNorm ? ((v - norm.RunningMean[o]) / Math.Sqrt(norm.RunningVar[o] + (double)BatchNormParameters.Epsilon) * norm.Gamma[o]) + norm.Beta[o] : v;
                y += withResidual ? residual[i] : 0;
                return relu ? Math.Max(y, 0) : y;
            }).ToArray();

            var output = Run(direct, conv.Input, conv.Weights, conv.Bias, withNorm ? norm : null, withResidual ? residual : null, relu);
            BlockedImages.OnlyTheImageIsWritten(output, direct.Output).ShouldBeTrue("the border, padded channels and slack stay zero");
            Close.ShouldMatch(BlockedImages.FromBlocked(output, direct.Output), expected, 1e-5, $"output (norm {withNorm}, residual {withResidual}, relu {relu})");
        }
    }

    [Fact]
    public void Weights_folded_beforehand_give_the_same_bits_as_folding_while_packing()
    {
        var conv = ConvCase.Create(34, 1, 16, 14, 14, 32, 3, 3, 1, 1);
        var direct = new DirectConv(new Conv2dStep("c", 0, 16, 14, 14, 32, 3, 3, 1, 1), new BlockedShape(16, 14, 14, 16));
        var norm = RandomNorm(new Random(35), 32);
        float[] weights = (float[])conv.Weights.Clone(), bias = (float[])conv.Bias.Clone();
        BatchNormFolding.Fold(weights, bias, norm.Clone());

        Run(direct, conv.Input, weights, bias, null, null, relu: true).ShouldBe(Run(direct, conv.Input, conv.Weights, conv.Bias, norm, null, relu: true));
    }

    internal static BatchNormParameters RandomNorm(Random random, int channels)
    {
        var norm = new BatchNormParameters("bn", channels);
        for (int c = 0; c < channels; c++)
        {
            norm.Gamma[c] = (float)(0.5 + random.NextDouble());
            norm.Beta[c] = (float)(random.NextDouble() - 0.5);
            norm.RunningMean[c] = (float)(random.NextDouble() - 0.5);
            norm.RunningVar[c] = (float)(0.25 + random.NextDouble());
        }

        return norm;
    }

    private static float[] Run(DirectConv direct, float[] image, float[] weights, float[] bias, BatchNormParameters? norm, float[]? residual, bool relu)
    {
        var input = BlockedImages.ToBlocked(image, direct.Input);
        var output = new float[direct.Output.Floats + FusedValue.Slack];
        var blockedResidual = residual is null ? null : BlockedImages.ToBlocked(residual, direct.Output);
        var packed = new float[direct.PackedLength];
        direct.Pack(weights, bias, norm, packed);
        fixed (float* x = input, y = output, r = blockedResidual, p = packed)
        {
            direct.Run(x, y, r, p, relu);
        }

        return output;
    }
}
