using MapDsl.Runtime.Pruning;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Pruning;

public sealed class UnstructuredPruningTests
{
    [Theory]
    [InlineData(51, 0.0)]
    [InlineData(52, 0.3)]
    [InlineData(53, 0.5)]
    [InlineData(54, 0.9)]
    [InlineData(55, 0.001)] // 0.499 weights: rounds to none
    [InlineData(56, 0.0011)] // 0.55 weights: rounds to one
    public void Prunes_exactly_the_smallest_weights(int seed, double sparsity)
    {
        float[] weights = RandomWeights.Uniform(new Random(seed), 499, magnitude: 1.0);
        float[] original = (float[])weights.Clone();

        bool[] keep = Pruner.Unstructured(weights, sparsity);

        HashSet<int> pruned = ExpectedPruning.Smallest(weights.Select(w => Math.Abs((double)w)).ToArray(), sparsity);
        keep.Length.ShouldBe(weights.Length);
        for (int i = 0; i < weights.Length; i++)
        {
            keep[i].ShouldBe(!pruned.Contains(i), $"weight {i}");
        }

        ((double)keep.Count(k => !k) / weights.Length).ShouldBe(Math.Round(sparsity * 499, MidpointRounding.AwayFromZero) / 499);
        weights.ShouldBe(original);
    }

    [Fact]
    public void Ties_prune_the_lower_index_first()
    {
        bool[] keep = Pruner.Unstructured([1f, -1f, 1f, 1f, -1f, 1f], 0.5);
        keep.ShouldBe([false, false, false, true, true, true]);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Sparsity_outside_0_to_1_is_rejected(double sparsity)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => Pruner.Unstructured([1f, 2f], sparsity));
        error.ParamName.ShouldBe("sparsity");
        error.Message.ShouldContain("[0, 1)");
    }

    [Fact]
    public void Apply_zeroes_exactly_the_pruned_weights()
    {
        float[] weights = [0.1f, -0.2f, 0.3f, -0.4f];
        Pruner.Apply(weights, [true, false, true, false]);
        weights.ShouldBe([0.1f, 0f, 0.3f, 0f]);

        Should.Throw<ArgumentException>(() => Pruner.Apply(weights, [true])).Message.ShouldContain("1 entries");
    }
}
