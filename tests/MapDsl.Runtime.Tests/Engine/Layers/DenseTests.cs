using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Layers;

public sealed class DenseTests
{
    [Theory]
    [InlineData(21, 1, 1, 1)]
    [InlineData(22, 4, 7, 3)]
    [InlineData(23, 5, 33, 10)]
    [InlineData(24, 16, 20, 17)]
    public void Forward_matches_x_times_w_transposed_plus_b_in_float64(int seed, int batch, int inputs, int outputs)
    {
        var random = new Random(seed);
        float[] x = TestTensors.Uniform(random, batch * inputs);
        float[] w = TestTensors.Uniform(random, outputs * inputs);
        float[] b = TestTensors.Uniform(random, outputs);
        float[] y = TestTensors.Poisoned(batch * outputs);

        Dense.Forward(x, w, b, y, batch, inputs, outputs);

        double[] expected = ReferenceLayers.Dense(TestTensors.ToDouble(x), TestTensors.ToDouble(w), TestTensors.ToDouble(b), batch, inputs, outputs);
        Close.ShouldMatch(y, expected, 1e-5, "output");
    }

    [Theory]
    [InlineData(25, 1, 1, 1)]
    [InlineData(26, 3, 5, 4)]
    [InlineData(27, 6, 12, 9)]
    public void Backward_matches_central_differences_for_input_weights_and_bias(int seed, int batch, int inputs, int outputs)
    {
        var random = new Random(seed);
        float[] input = TestTensors.Uniform(random, batch * inputs);
        float[] weights = TestTensors.Uniform(random, outputs * inputs);
        float[] gradOutput = TestTensors.Uniform(random, batch * outputs);
        double[] x = TestTensors.ToDouble(input), w = TestTensors.ToDouble(weights), r = TestTensors.ToDouble(gradOutput);
        double[] b = TestTensors.ToDouble(TestTensors.Uniform(random, outputs));
        Func<double[], double[], double[], double> loss = (xv, wv, bv) => NumericGradient.Dot(r, ReferenceLayers.Dense(xv, wv, bv, batch, inputs, outputs));

        float[] gradInput = TestTensors.Poisoned(batch * inputs);
        float[] gradWeights = TestTensors.Poisoned(outputs * inputs);
        float[] gradBias = TestTensors.Poisoned(outputs);
        Dense.Backward(input, weights, gradOutput, gradInput, gradWeights, gradBias, batch, inputs, outputs);

        Close.ShouldMatch(gradInput, NumericGradient.Of(v => loss(v, w, b), x), 1e-5, "gradInput");
        Close.ShouldMatch(gradWeights, NumericGradient.Of(v => loss(x, v, b), w), 1e-5, "gradWeights");
        Close.ShouldMatch(gradBias, NumericGradient.Of(v => loss(x, w, v), b), 1e-5, "gradBias");
    }

    [Fact]
    public void Backward_can_skip_the_input_gradient()
    {
        var random = new Random(28);
        float[] input = TestTensors.Uniform(random, 4 * 6), weights = TestTensors.Uniform(random, 3 * 6), gradOutput = TestTensors.Uniform(random, 4 * 3);
        float[] fullWeights = new float[18], fullBias = new float[3];
        Dense.Backward(input, weights, gradOutput, new float[24], fullWeights, fullBias, 4, 6, 3);

        float[] gradWeights = TestTensors.Poisoned(18), gradBias = TestTensors.Poisoned(3);
        Dense.Backward(input, weights, gradOutput, Span<float>.Empty, gradWeights, gradBias, 4, 6, 3);

        gradWeights.ShouldBe(fullWeights);
        gradBias.ShouldBe(fullBias);
    }

    [Fact]
    public void Wrong_buffer_lengths_are_refused()
    {
        Should.Throw<ArgumentException>(() => Dense.Forward(new float[6], new float[6], new float[3], new float[5], 2, 3, 3));
        Should.Throw<ArgumentException>(() => Dense.Forward(new float[6], new float[6], new float[2], new float[6], 2, 3, 3));
        Should.Throw<ArgumentOutOfRangeException>(() => Dense.Forward([], [], [], [], 0, 3, 3));
    }
}
