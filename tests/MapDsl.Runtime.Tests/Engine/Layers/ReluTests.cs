using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Layers;

public sealed class ReluTests
{
    [Theory]
    [InlineData(31, 1)]
    [InlineData(32, 7)]
    [InlineData(33, 64)]
    [InlineData(34, 1003)]
    public void Forward_is_max_with_zero_also_in_place(int seed, int length)
    {
        float[] input = TestTensors.Uniform(new Random(seed), length);
        double[] expected = ReferenceLayers.Relu(TestTensors.ToDouble(input));

        float[] output = TestTensors.Poisoned(length);
        Relu.Forward(input, output);
        Close.ShouldMatch(output, expected, 0, "output");

        Relu.Forward(input, input);
        input.ShouldBe(output);
    }

    [Theory]
    [InlineData(35, 5)]
    [InlineData(36, 67)]
    public void Backward_matches_central_differences_given_the_input_or_the_output(int seed, int length)
    {
        var random = new Random(seed);
        float[] input = TestTensors.AwayFromZero(random, length, gap: 1e-2);
        float[] gradOutput = TestTensors.Uniform(random, length);
        double[] r = TestTensors.ToDouble(gradOutput);
        double[] expected = NumericGradient.Of(v => NumericGradient.Dot(r, ReferenceLayers.Relu(v)), TestTensors.ToDouble(input));

        float[] fromInput = TestTensors.Poisoned(length);
        Relu.Backward(input, gradOutput, fromInput);
        Close.ShouldMatch(fromInput, expected, 1e-9, "gradInput from the input");

        float[] output = new float[length];
        Relu.Forward(input, output);
        Relu.Backward(output, gradOutput, gradOutput); // in place
        gradOutput.ShouldBe(fromInput);
    }

    [Fact]
    public void The_derivative_at_zero_is_zero()
    {
        float[] gradInput = new float[3];
        Relu.Backward([0f, -0f, 1e-30f], [1f, 1f, 1f], gradInput);
        gradInput.ShouldBe([0f, 0f, 1f]);
    }
}
