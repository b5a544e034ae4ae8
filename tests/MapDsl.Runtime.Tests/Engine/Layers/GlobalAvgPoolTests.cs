using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Layers;

/// <summary><see cref="GlobalAvgPool"/> against the per-plane mean and central differences of it.</summary>
public sealed class GlobalAvgPoolTests
{
    // (batch, channels, plane): planes below, at and above a vector width, with tails; plane 1 is a copy.
    public static TheoryData<int, int, int> Shapes => new() { { 2, 3, 35 }, { 3, 4, 9 }, { 1, 2, 64 }, { 4, 5, 1 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_is_each_channels_mean(int batch, int channels, int plane)
    {
        float[] input = TestTensors.Uniform(new Random(91), batch * channels * plane);
        double[] expected = ReferenceLayers.GlobalAvgPool(TestTensors.ToDouble(input), batch * channels, plane);
        float[] output = TestTensors.Poisoned(batch * channels);

        GlobalAvgPool.Forward(input, output, plane);

        Close.ShouldMatch(output, expected, 1e-6, "output");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backward_matches_central_differences(int batch, int channels, int plane)
    {
        var random = new Random(92);
        double[] input = TestTensors.ToDouble(TestTensors.Uniform(random, batch * channels * plane));
        float[] gradOutput = TestTensors.Uniform(random, batch * channels);
        double[] r = TestTensors.ToDouble(gradOutput);
        double[] expected = NumericGradient.Of(v => NumericGradient.Dot(r, ReferenceLayers.GlobalAvgPool(v, batch * channels, plane)), input);
        float[] gradInput = TestTensors.Poisoned(input.Length);

        GlobalAvgPool.Backward(gradOutput, gradInput, plane);

        Close.ShouldMatch(gradInput, expected, 1e-6, "gradInput");
    }

    [Fact]
    public void Lengths_that_do_not_divide_into_planes_are_refused()
    {
        Should.Throw<ArgumentException>(() => GlobalAvgPool.Forward(new float[10], new float[3], 4));
        Should.Throw<ArgumentException>(() => GlobalAvgPool.Backward(new float[3], new float[10], 4));
    }
}
