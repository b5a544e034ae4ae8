using MapDsl.Runtime.Engine.Training;

namespace MapDsl.Runtime.Tests.Engine.Training;

public sealed class MasksTests
{
    [Fact]
    public void Apply_zeroes_exactly_the_pruned_weights()
    {
        float[] w = [1f, -2f, 3f, -4f];
        Masks.Apply(w, [true, false, true, false]);
        w.ShouldBe([1f, 0f, 3f, 0f]);
    }

    [Theory]
    [InlineData(0f, false, 0f)]
    [InlineData(0.9f, false, 1e-3f)]
    [InlineData(0.9f, true, 1e-3f)]
    public void Masked_weights_stay_exactly_zero_over_many_steps(float momentum, bool nesterov, float weightDecay)
    {
        const int length = 53;
        var random = new Random(91);
        bool[] keep = Enumerable.Range(0, length).Select(_ => random.NextDouble() < 0.6).ToArray();
        float[] w = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var sgd = new Sgd(0.05f, momentum, nesterov, weightDecay);
        int slot = sgd.RegisterWeights(length);
        Masks.Apply(w, keep);

        for (int step = 0; step < 300; step++)
        {
            float[] g = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            sgd.Step(w, g, slot, keep);
            for (int i = 0; i < length; i++)
            {
                if (!keep[i])
                {
                    w[i].ShouldBe(0f, $"pruned weight {i} after step {step}");
                }
            }
        }

        w.Where((_, i) => keep[i]).ShouldAllBe(v => v != 0f);
    }

    [Fact]
    public void A_masked_weight_loses_its_velocity_so_unmasking_starts_fresh()
    {
        var sgd = new Sgd(0.1f, momentum: 0.9f);
        int slot = sgd.RegisterWeights(1);
        float[] w = [1f];
        for (int step = 0; step < 5; step++)
        {
            sgd.Step(w, [1f], slot); // builds up velocity
        }

        sgd.Step(w, [1f], slot, [false]);
        w[0].ShouldBe(0f);

        sgd.Step(w, [0.5f], slot, [true]); // v = 0.9·0 + 0.5, so w = 0 − 0.1·0.5
        w[0].ShouldBe(-0.05f);
    }

    [Fact]
    public void A_mask_of_the_wrong_length_is_refused()
    {
        var sgd = new Sgd(0.1f);
        int slot = sgd.RegisterWeights(2);
        Should.Throw<ArgumentException>(() => sgd.Step(new float[2], new float[2], slot, [true]));
        Should.Throw<ArgumentException>(() => Masks.Apply(new float[2], [true]));
    }
}
