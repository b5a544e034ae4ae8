using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Layers;

public sealed class AvgPool2dTests
{
    [Theory]
    [MemberData(nameof(PoolCase.Shapes), MemberType = typeof(PoolCase))]
    public void Forward_matches_naive_window_means(
        int batch, int channels, int inH, int inW, int kH, int kW, int strideH, int strideW)
    {
        float[] input = TestTensors.Uniform(new Random(51), batch * channels * inH * inW);
        double[] expected = ReferenceLayers.AvgPool(TestTensors.ToDouble(input), batch * channels, inH, inW, kH, kW, strideH, strideW);
        float[] output = TestTensors.Poisoned(expected.Length);

        AvgPool2d.Forward(input, output, batch, channels, inH, inW, kH, kW, strideH, strideW);

        Close.ShouldMatch(output, expected, 1e-6, "output");
    }

    [Theory]
    [MemberData(nameof(PoolCase.Shapes), MemberType = typeof(PoolCase))]
    public void Backward_matches_central_differences(
        int batch, int channels, int inH, int inW, int kH, int kW, int strideH, int strideW)
    {
        var random = new Random(52);
        int planes = batch * channels;
        double[] input = TestTensors.ToDouble(TestTensors.Uniform(random, planes * inH * inW));
        int outputLength = planes * ((inH - kH) / strideH + 1) * ((inW - kW) / strideW + 1);
        float[] gradOutput = TestTensors.Uniform(random, outputLength);
        double[] r = TestTensors.ToDouble(gradOutput);
        double[] expected = NumericGradient.Of(
            v => NumericGradient.Dot(r, ReferenceLayers.AvgPool(v, planes, inH, inW, kH, kW, strideH, strideW)), input);

        float[] gradInput = TestTensors.Poisoned(input.Length);
        AvgPool2d.Backward(gradOutput, gradInput, batch, channels, inH, inW, kH, kW, strideH, strideW);

        Close.ShouldMatch(gradInput, expected, 1e-6, "gradInput");
    }
}
