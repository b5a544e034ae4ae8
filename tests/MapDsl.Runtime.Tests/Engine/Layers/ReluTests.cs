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
    public void A_long_input_shared_between_threads_gives_what_a_short_one_gives_element_by_element()
    {
        // Long enough for the worker pool, with a ragged end; each block must compute its elements as one short call would.
        const int length = 300_007;
        var random = new Random(37);
        float[] input = TestTensors.Uniform(random, length), gradOutput = TestTensors.Uniform(random, length);
        float[] output = TestTensors.Poisoned(length), gradInput = TestTensors.Poisoned(length);
        Relu.Forward(input, output);
        Relu.Backward(output, gradOutput, gradInput);

        float[] one = new float[1];
        for (int i = 0; i < length; i += 997)
        {
            Relu.Forward(input.AsSpan(i, 1), one);
            output[i].ShouldBe(one[0]);
            Relu.Backward(output.AsSpan(i, 1), gradOutput.AsSpan(i, 1), one);
            gradInput[i].ShouldBe(one[0]);
        }
    }

    [Fact]
    public void The_derivative_at_zero_is_zero()
    {
        float[] gradInput = new float[3];
        Relu.Backward([0f, -0f, 1e-30f], [1f, 1f, 1f], gradInput);
        gradInput.ShouldBe([0f, 0f, 1f]);
    }
}
