using MapDsl.Runtime.Engine.Training;

namespace MapDsl.Runtime.Tests.Engine.Training;

public sealed class SgdTests
{
    [Fact]
    public void Plain_step_with_weight_decay_adds_decay_times_w_to_the_gradient()
    {
        var sgd = new Sgd(learningRate: 0.1f, weightDecay: 0.01f);
        int slot = sgd.RegisterWeights(2);
        float[] w = [1f, -2f];

        sgd.Step(w, [0.5f, 0.25f], slot);

        // w − 0.1·(g + 0.01·w)
        w[0].ShouldBe(0.949f, 1e-7f);
        w[1].ShouldBe(-2.023f, 1e-7f);
    }

    [Fact]
    public void Momentum_steps_by_the_velocity()
    {
        var sgd = new Sgd(learningRate: 0.1f, momentum: 0.9f);
        int slot = sgd.RegisterWeights(1);
        float[] w = [1f];

        sgd.Step(w, [0.5f], slot); // v = 0.5, w = 1 − 0.05
        w[0].ShouldBe(0.95f, 1e-7f);
        sgd.Step(w, [0.25f], slot); // v = 0.9·0.5 + 0.25 = 0.7, w = 0.95 − 0.07
        w[0].ShouldBe(0.88f, 1e-7f);
    }

    [Fact]
    public void Nesterov_steps_by_the_gradient_plus_momentum_times_the_new_velocity()
    {
        var sgd = new Sgd(learningRate: 0.1f, momentum: 0.9f, nesterov: true);
        int slot = sgd.RegisterWeights(1);
        float[] w = [1f];

        sgd.Step(w, [0.5f], slot); // v = 0.5, direction = 0.5 + 0.45 = 0.95
        w[0].ShouldBe(0.905f, 1e-7f);
        sgd.Step(w, [0.25f], slot); // v = 0.7, direction = 0.25 + 0.63 = 0.88
        w[0].ShouldBe(0.817f, 1e-7f);
    }

    [Fact]
    public void Weight_decay_enters_the_velocity_and_spares_biases_unless_asked()
    {
        var sgd = new Sgd(learningRate: 0.1f, momentum: 0.9f, weightDecay: 0.1f);
        int weights = sgd.RegisterWeights(1);
        int biases = sgd.RegisterBiases(1);
        float[] w = [1f], b = [1f];

        sgd.Step(w, [0.5f], weights); // g' = 0.6, v = 0.6, w = 0.94
        sgd.Step(w, [0.25f], weights); // g' = 0.25 + 0.094, v = 0.54 + 0.344 = 0.884, w = 0.94 − 0.0884
        w[0].ShouldBe(0.8516f, 1e-6f);

        sgd.Step(b, [0.5f], biases);
        b[0].ShouldBe(0.95f, 1e-7f);

        var decaying = new Sgd(learningRate: 0.1f, weightDecay: 0.1f, decayBiases: true);
        float[] decayedBias = [1f];
        decaying.Step(decayedBias, [0.5f], decaying.RegisterBiases(1));
        decayedBias[0].ShouldBe(0.94f, 1e-7f);
    }

    [Theory]
    [InlineData(0f, false, 0f)]
    [InlineData(0f, false, 0.05f)]
    [InlineData(0.9f, false, 0.01f)]
    [InlineData(0.8f, true, 0.02f)]
    public void Long_arrays_follow_the_float64_update_rule_in_vector_lanes_and_tail(float momentum, bool nesterov, float weightDecay)
    {
        const int length = 37; // several vector widths plus a scalar tail
        var random = new Random(81);
        var sgd = new Sgd(0.05f, momentum, nesterov, weightDecay);
        int slot = sgd.RegisterWeights(length);
        float[] w = Uniform(random, length);
        double[] expected = Array.ConvertAll(w, v => (double)v);
        double[] velocity = new double[length];

        for (int step = 0; step < 5; step++)
        {
            float[] g = Uniform(random, length);
            sgd.Step(w, g, slot);
            for (int i = 0; i < length; i++)
            {
                double direction = g[i] + weightDecay * expected[i];
                if (momentum != 0f)
                {
                    velocity[i] = momentum * velocity[i] + direction;
                    direction = nesterov ? direction + momentum * velocity[i] : velocity[i];
                }

                expected[i] -= 0.05 * direction;
            }
        }

        for (int i = 0; i < length; i++)
        {
            ((double)w[i]).ShouldBe(expected[i], 1e-6, $"parameter {i}");
        }
    }

    [Fact]
    public void Momentum_free_optimizers_keep_no_velocity_and_misuse_is_refused()
    {
        var sgd = new Sgd(0.1f);
        int slot = sgd.RegisterWeights(3);
        sgd.SlotCount.ShouldBe(1);
        Should.Throw<ArgumentException>(() => sgd.Step(new float[4], new float[4], slot));
        Should.Throw<ArgumentException>(() => sgd.Step(new float[3], new float[2], slot));
        Should.Throw<ArgumentOutOfRangeException>(() => sgd.Step(new float[3], new float[3], 1));
        Should.Throw<ArgumentException>(() => new Sgd(0.1f, nesterov: true));
        Should.Throw<ArgumentOutOfRangeException>(() => new Sgd(0.1f, momentum: 1f));
        Should.Throw<ArgumentOutOfRangeException>(() => { sgd.LearningRate = -1f; });
    }

    private static float[] Uniform(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
}
