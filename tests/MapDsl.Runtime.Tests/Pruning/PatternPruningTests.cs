using MapDsl.Runtime.Pruning;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Pruning;

public sealed class PatternPruningTests
{
    [Theory]
    [InlineData(91, 4, 3, 3, 3, 4)]
    [InlineData(92, 6, 1, 5, 5, 1)]
    [InlineData(93, 2, 2, 1, 3, 3)] // keep everything
    public void Each_kernel_keeps_its_largest_entries(
        int seed, int outChannels, int inChannels, int kernelHeight, int kernelWidth, int keepPerKernel)
    {
        int kernelSize = kernelHeight * kernelWidth;
        float[] weights = RandomWeights.Uniform(new Random(seed), outChannels * inChannels * kernelSize, magnitude: 1.0);
        float[] original = (float[])weights.Clone();

        bool[] keep = Pruner.Pattern(weights, outChannels, inChannels, kernelHeight, kernelWidth, keepPerKernel);

        for (int o = 0; o < outChannels; o++)
        {
            for (int i = 0; i < inChannels; i++)
            {
                int start = (o * inChannels + i) * kernelSize;
                double[] magnitudes = weights.Skip(start).Take(kernelSize).Select(w => Math.Abs((double)w)).ToArray();
                HashSet<int> pruned = ExpectedPruning.Smallest(magnitudes, kernelSize - keepPerKernel);
                for (int t = 0; t < kernelSize; t++)
                {
                    keep[start + t].ShouldBe(!pruned.Contains(t), $"kernel ({o}, {i}) position {t}");
                }
            }
        }

        keep.Count(k => !k).ShouldBe(outChannels * inChannels * (kernelSize - keepPerKernel));
        weights.ShouldBe(original);
    }

    [Fact]
    public void Ties_prune_the_lower_positions_first()
    {
        bool[] keep = Pruner.Pattern([1f, 1f, -1f, 1f, 0.5f, 2f, 2f, 0.5f], 2, 1, 2, 2, 2);
        keep.ShouldBe([false, false, true, true, false, true, true, false]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Keep_outside_1_to_kernel_size_is_rejected(int keepPerKernel)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => Pruner.Pattern(new float[8], 2, 1, 2, 2, keepPerKernel));
        error.ParamName.ShouldBe("keep");
        error.Message.ShouldContain("[1, 4]");
    }
}
