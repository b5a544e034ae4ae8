using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Tests.Engine.Layers;

/// <summary>
/// <see cref="BatchNorm"/> against the float64 definition (PyTorch's BatchNorm2d/BatchNorm1d): training with the batch's
/// mean and biased variance, running statistics with momentum 0.1 and the unbiased variance, inference with the
/// running statistics, and both backward passes against central differences. Channels have different offsets and
/// spreads so that a statistic taken over the wrong axis cannot pass; planes are not multiples of a vector width.
/// </summary>
public sealed class BatchNormTests
{
    // (batch, channels, plane): C x H x W with a 5x3 plane, and a vector of features (plane 1).
    // (8, 64, 49) has enough work to spread the channels over worker threads.
    public static TheoryData<int, int, int> Shapes => new() { { 3, 4, 15 }, { 7, 5, 1 } };

    public static TheoryData<int, int, int> ForwardShapes => new() { { 3, 4, 15 }, { 7, 5, 1 }, { 8, 64, 49 } };

    [Theory]
    [MemberData(nameof(ForwardShapes))]
    public void Training_forward_normalises_with_the_batch_mean_and_biased_variance(int batch, int channels, int plane)
    {
        var random = new Random(81);
        var (x, parameters) = Case(random, batch, channels, plane);
        double[] expected = ReferenceLayers.BatchNormTraining(
            TestTensors.ToDouble(x), batch, channels, plane, TestTensors.ToDouble(parameters.Gamma), TestTensors.ToDouble(parameters.Beta),
            out double[] mean, out double[] variance);
        float[] output = TestTensors.Poisoned(x.Length);
        float[] saved = TestTensors.Poisoned(2 * channels);

        BatchNorm.ForwardTraining(x, output, batch, plane, parameters, saved);

        Close.ShouldMatch(output, expected, 2e-6, "output");
        Close.ShouldMatch(saved.AsSpan(0, channels), mean, 1e-6, "saved means");
        Close.ShouldMatch(saved.AsSpan(channels), [.. variance.Select(v => 1 / Math.Sqrt(v + ReferenceLayers.BatchNormEpsilon))], 1e-6, "saved 1/σ");
    }

    [Theory]
    [MemberData(nameof(ForwardShapes))]
    public void One_training_pass_moves_the_running_statistics_a_tenth_of_the_way_with_the_unbiased_variance(int batch, int channels, int plane)
    {
        var random = new Random(82);
        var (x, parameters) = Case(random, batch, channels, plane);
        double[] oldMean = TestTensors.ToDouble(parameters.RunningMean), oldVar = TestTensors.ToDouble(parameters.RunningVar);
        double[] gamma = TestTensors.ToDouble(parameters.Gamma), beta = TestTensors.ToDouble(parameters.Beta);
        ReferenceLayers.BatchNormTraining(TestTensors.ToDouble(x), batch, channels, plane, gamma, beta, out double[] mean, out double[] variance);
        int count = batch * plane;

        BatchNorm.ForwardTraining(x, new float[x.Length], batch, plane, parameters, new float[2 * channels]);

        Close.ShouldMatch(parameters.RunningMean, [.. oldMean.Select((m, c) => 0.9 * m + 0.1 * mean[c])], 1e-6, "running mean");
        Close.ShouldMatch(parameters.RunningVar, [.. oldVar.Select((v, c) => 0.9 * v + 0.1 * variance[c] * count / (count - 1))], 1e-6, "running variance");
        Close.ShouldMatch(parameters.Gamma, gamma, 0, "γ (unchanged)");
        Close.ShouldMatch(parameters.Beta, beta, 0, "β (unchanged)");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    [InlineData(1, 5, 1)] // inference needs no batch statistics: one value per channel is fine
    public void Inference_forward_uses_the_running_statistics(int batch, int channels, int plane)
    {
        var random = new Random(83);
        var (x, parameters) = Case(random, batch, channels, plane);
        double[] expected = ReferenceLayers.BatchNormInference(
            TestTensors.ToDouble(x), batch, channels, plane, TestTensors.ToDouble(parameters.Gamma), TestTensors.ToDouble(parameters.Beta),
            TestTensors.ToDouble(parameters.RunningMean), TestTensors.ToDouble(parameters.RunningVar));
        float[] runningMean = (float[])parameters.RunningMean.Clone(), runningVar = (float[])parameters.RunningVar.Clone();
        float[] output = TestTensors.Poisoned(x.Length);

        BatchNorm.ForwardInference(x, output, batch, plane, parameters);

        Close.ShouldMatch(output, expected, 2e-6, "output");
        parameters.RunningMean.ShouldBe(runningMean, "inference must not update the running mean");
        parameters.RunningVar.ShouldBe(runningVar, "inference must not update the running variance");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Training_backward_matches_central_differences_of_the_reference(int batch, int channels, int plane)
    {
        var random = new Random(84);
        var (x, parameters) = Case(random, batch, channels, plane);
        float[] dy = TestTensors.Uniform(random, x.Length);
        float[] saved = new float[2 * channels];
        BatchNorm.ForwardTraining(x, new float[x.Length], batch, plane, parameters, saved);
        float[] dx = TestTensors.Poisoned(x.Length), dGamma = TestTensors.Poisoned(channels), dBeta = TestTensors.Poisoned(channels);

        BatchNorm.BackwardTraining(x, dy, dx, batch, plane, parameters.Gamma, saved, dGamma, dBeta);

        double[] xd = TestTensors.ToDouble(x), g = TestTensors.ToDouble(parameters.Gamma), b = TestTensors.ToDouble(parameters.Beta), r = TestTensors.ToDouble(dy);
        double Loss() => NumericGradient.Dot(r, ReferenceLayers.BatchNormTraining(xd, batch, channels, plane, g, b, out _, out _));
        Close.ShouldMatch(dx, NumericGradient.Of(_ => Loss(), xd), 1e-5, "dx");
        Close.ShouldMatch(dGamma, NumericGradient.Of(_ => Loss(), g), 1e-5, "dγ");
        Close.ShouldMatch(dBeta, NumericGradient.Of(_ => Loss(), b), 1e-5, "dβ");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Inference_backward_matches_central_differences_of_the_reference(int batch, int channels, int plane)
    {
        var random = new Random(85);
        var (x, parameters) = Case(random, batch, channels, plane);
        float[] dy = TestTensors.Uniform(random, x.Length);
        float[] dx = TestTensors.Poisoned(x.Length), dGamma = TestTensors.Poisoned(channels), dBeta = TestTensors.Poisoned(channels);

        BatchNorm.BackwardInference(x, dy, dx, batch, plane, parameters, dGamma, dBeta);

        double[] xd = TestTensors.ToDouble(x), g = TestTensors.ToDouble(parameters.Gamma), b = TestTensors.ToDouble(parameters.Beta), r = TestTensors.ToDouble(dy);
        double[] mean = TestTensors.ToDouble(parameters.RunningMean), variance = TestTensors.ToDouble(parameters.RunningVar);
        double Loss() => NumericGradient.Dot(r, ReferenceLayers.BatchNormInference(xd, batch, channels, plane, g, b, mean, variance));
        Close.ShouldMatch(dx, NumericGradient.Of(_ => Loss(), xd), 1e-5, "dx");
        Close.ShouldMatch(dGamma, NumericGradient.Of(_ => Loss(), g), 1e-5, "dγ");
        Close.ShouldMatch(dBeta, NumericGradient.Of(_ => Loss(), b), 1e-5, "dβ");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Without_an_input_gradient_both_backward_passes_still_give_the_gamma_and_beta_gradients(int batch, int channels, int plane)
    {
        var random = new Random(86);
        var (x, parameters) = Case(random, batch, channels, plane);
        float[] dy = TestTensors.Uniform(random, x.Length);
        float[] saved = new float[2 * channels];
        BatchNorm.ForwardTraining(x, new float[x.Length], batch, plane, parameters, saved);
        double[] xd = TestTensors.ToDouble(x), g = TestTensors.ToDouble(parameters.Gamma), b = TestTensors.ToDouble(parameters.Beta), r = TestTensors.ToDouble(dy);
        double[] mean = TestTensors.ToDouble(parameters.RunningMean), variance = TestTensors.ToDouble(parameters.RunningVar);
        double Training() => NumericGradient.Dot(r, ReferenceLayers.BatchNormTraining(xd, batch, channels, plane, g, b, out _, out _));
        double Inference() => NumericGradient.Dot(r, ReferenceLayers.BatchNormInference(xd, batch, channels, plane, g, b, mean, variance));
        float[] dGamma = TestTensors.Poisoned(channels), dBeta = TestTensors.Poisoned(channels);

        BatchNorm.BackwardTraining(x, dy, Span<float>.Empty, batch, plane, parameters.Gamma, saved, dGamma, dBeta);
        Close.ShouldMatch(dGamma, NumericGradient.Of(_ => Training(), g), 1e-5, "training dγ");
        Close.ShouldMatch(dBeta, NumericGradient.Of(_ => Training(), b), 1e-5, "training dβ");

        dGamma = TestTensors.Poisoned(channels);
        dBeta = TestTensors.Poisoned(channels);
        BatchNorm.BackwardInference(x, dy, Span<float>.Empty, batch, plane, parameters, dGamma, dBeta);
        Close.ShouldMatch(dGamma, NumericGradient.Of(_ => Inference(), g), 1e-5, "inference dγ");
        Close.ShouldMatch(dBeta, NumericGradient.Of(_ => Inference(), b), 1e-5, "inference dβ");
    }

    [Fact]
    public void Training_with_one_value_per_channel_is_refused_naming_the_layer_and_leaves_the_running_statistics()
    {
        var random = new Random(87);
        var (x, parameters) = Case(random, 1, 5, 1);
        float[] runningMean = (float[])parameters.RunningMean.Clone(), runningVar = (float[])parameters.RunningVar.Clone();

        var error = Should.Throw<ArgumentException>(() => BatchNorm.ForwardTraining(x, new float[x.Length], 1, 1, parameters, new float[10]));

        error.Message.ShouldContain("'fc_bn'");
        error.Message.ShouldContain("at least 2 values per channel");
        parameters.RunningMean.ShouldBe(runningMean);
        parameters.RunningVar.ShouldBe(runningVar);
    }

    [Fact]
    public void Two_values_per_channel_are_enough_to_train()
    {
        // batch 2 of a vector: the smallest trainable case; each output is ±γ/√(1 + 4ε/(x1 − x2)²) + β.
        var parameters = new BatchNormParameters("fc_bn", 1);
        parameters.Gamma[0] = 2f;
        parameters.Beta[0] = 0.5f;
        float[] output = new float[2];

        BatchNorm.ForwardTraining([1f, 3f], output, 2, 1, parameters, new float[2]);

        double inverse = 1 / Math.Sqrt(1 + ReferenceLayers.BatchNormEpsilon);
        Close.ShouldMatch(output, [0.5 - 2 * inverse, 0.5 + 2 * inverse], 1e-7, "output");
        parameters.RunningVar[0].ShouldBe(0.9f + (0.1f * 2f), 1e-6); // unbiased variance of {1, 3} is 2
        parameters.RunningMean[0].ShouldBe(0.2f, 1e-7);
    }

    // Channel c has offset c − 1.5 and spread 0.5 + c/2, so statistics over the wrong axis are visibly wrong; γ includes
    // negative values; the running statistics are non-trivial.
    private static (float[] X, BatchNormParameters Parameters) Case(Random random, int batch, int channels, int plane)
    {
        var x = new float[batch * channels * plane];
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int p = 0; p < plane; p++)
                {
                    x[(n * channels + c) * plane + p] = (float)(c - 1.5 + (0.5 + c / 2.0) * (random.NextDouble() * 2 - 1));
                }
            }
        }

        var parameters = new BatchNormParameters(plane == 1 ? "fc_bn" : "r2.a_bn", channels);
        for (int c = 0; c < channels; c++)
        {
            parameters.Gamma[c] = (float)(random.NextDouble() * 3 - 1.5);
            parameters.Beta[c] = (float)(random.NextDouble() - 0.5);
            parameters.RunningMean[c] = (float)(random.NextDouble() * 2 - 1);
            parameters.RunningVar[c] = (float)(0.2 + random.NextDouble() * 2);
        }

        return (x, parameters);
    }
}
