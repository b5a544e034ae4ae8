using MapDsl.Runtime.Pruning;
using MapDsl.Runtime.Tests.Support;

namespace MapDsl.Runtime.Tests.Pruning;

public sealed class NOfMPruningTests
{
    [Theory]
    [InlineData(101, 10, 6, 2, 4)] // last run of 2 keeps both
    [InlineData(102, 10, 6, 3, 4)] // last run of 2 keeps min(3, 2)
    [InlineData(103, 16, 5, 2, 4)]
    [InlineData(104, 9, 3, 1, 9)]
    [InlineData(105, 7, 2, 1, 1)]  // keeps everything
    public void Each_run_of_m_inputs_keeps_its_n_largest(int seed, int matrixRows, int matrixColumns, int n, int m)
    {
        float[] weights = RandomWeights.Uniform(new Random(seed), matrixRows * matrixColumns, magnitude: 1.0);
        float[] original = (float[])weights.Clone();

        bool[] keep = Pruner.NOfM(weights, matrixRows, matrixColumns, n, m);

        int expectedPruned = 0;
        for (int c = 0; c < matrixColumns; c++)
        {
            for (int runStart = 0; runStart < matrixRows; runStart += m)
            {
                int size = Math.Min(m, matrixRows - runStart);
                int first = c * matrixRows + runStart;
                double[] magnitudes = weights.Skip(first).Take(size).Select(w => Math.Abs((double)w)).ToArray();
                HashSet<int> pruned = ExpectedPruning.Smallest(magnitudes, size - Math.Min(n, size));
                expectedPruned += pruned.Count;
                for (int t = 0; t < size; t++)
                {
                    keep[first + t].ShouldBe(!pruned.Contains(t), $"column {c} row {runStart + t}");
                }
            }
        }

        keep.Count(k => !k).ShouldBe(expectedPruned);
        weights.ShouldBe(original);
    }

    [Fact]
    public void Runs_restart_at_each_column_and_ties_prune_lower_rows_first()
    {
        // 3 rows x 2 columns, m = 2, n = 1: runs {0, 1} and {2} in each column.
        bool[] keep = Pruner.NOfM([1f, -1f, 0.1f, 0.2f, 0.2f, 0.3f], 3, 2, 1, 2);
        keep.ShouldBe([false, true, true, false, true, true]);
    }

    [Theory]
    [InlineData(0, 4, "n")]
    [InlineData(5, 4, "n")]
    [InlineData(1, 0, "m")]
    public void Invalid_n_or_m_is_rejected(int n, int m, string parameter)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Pruner.NOfM(new float[8], 4, 2, n, m)).ParamName.ShouldBe(parameter);
    }
}
