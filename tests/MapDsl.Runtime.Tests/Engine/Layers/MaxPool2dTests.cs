using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Layers;

public sealed class MaxPool2dTests
{
    [Theory]
    [MemberData(nameof(PoolCase.Shapes), MemberType = typeof(PoolCase))]
    public void Forward_matches_naive_window_maxima_and_argmax_points_at_them(
        int batch, int channels, int inH, int inW, int kH, int kW, int strideH, int strideW)
    {
        float[] input = TestTensors.Uniform(new Random(41), batch * channels * inH * inW);
        double[] expected = ReferenceLayers.MaxPool(TestTensors.ToDouble(input), batch * channels, inH, inW, kH, kW, strideH, strideW);
        float[] output = TestTensors.Poisoned(expected.Length);
        int[] argmax = new int[expected.Length];

        MaxPool2d.Forward(input, output, argmax, batch, channels, inH, inW, kH, kW, strideH, strideW);

        Close.ShouldMatch(output, expected, 0, "output");
        for (int o = 0; o < output.Length; o++)
        {
            input[argmax[o]].ShouldBe(output[o]);
        }

        float[] withoutArgmax = new float[expected.Length];
        MaxPool2d.Forward(input, withoutArgmax, Span<int>.Empty, batch, channels, inH, inW, kH, kW, strideH, strideW);
        withoutArgmax.ShouldBe(output);
    }

    [Theory]
    [MemberData(nameof(PoolCase.Shapes), MemberType = typeof(PoolCase))]
    public void Backward_matches_central_differences(
        int batch, int channels, int inH, int inW, int kH, int kW, int strideH, int strideW)
    {
        // Random floats are distinct, far further apart than the difference step, so no maximum changes hands.
        var random = new Random(42);
        float[] input = TestTensors.Uniform(random, batch * channels * inH * inW);
        int planes = batch * channels;
        int outputLength = planes * ((inH - kH) / strideH + 1) * ((inW - kW) / strideW + 1);
        float[] gradOutput = TestTensors.Uniform(random, outputLength);
        double[] r = TestTensors.ToDouble(gradOutput);
        double[] expected = NumericGradient.Of(
            v => NumericGradient.Dot(r, ReferenceLayers.MaxPool(v, planes, inH, inW, kH, kW, strideH, strideW)),
            TestTensors.ToDouble(input),
            h: 1e-7);

        int[] argmax = new int[outputLength];
        MaxPool2d.Forward(input, new float[outputLength], argmax, batch, channels, inH, inW, kH, kW, strideH, strideW);
        float[] gradInput = TestTensors.Poisoned(input.Length);
        MaxPool2d.Backward(gradOutput, argmax, gradInput);

        Close.ShouldMatch(gradInput, expected, 1e-6, "gradInput");
    }

    [Fact]
    public void Ties_take_the_first_element_in_window_order()
    {
        float[] input = [1f, 3f, 3f, 2f]; // one 2x2 window
        float[] output = new float[1];
        int[] argmax = new int[1];
        MaxPool2d.Forward(input, output, argmax, 1, 1, 2, 2, 2, 2, 2, 2);
        output[0].ShouldBe(3f);
        argmax[0].ShouldBe(1);
    }
}
