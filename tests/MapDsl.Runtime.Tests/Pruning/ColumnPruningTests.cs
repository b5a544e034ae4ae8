using MapDsl.Runtime.Pruning;
using MapDsl.Runtime.Tests.Support;
using MathNet.Numerics.LinearAlgebra;

namespace MapDsl.Runtime.Tests.Pruning;

public sealed class ColumnPruningTests
{
    [Theory]
    [InlineData(71, 17, 9, 0.25)]
    [InlineData(72, 150, 16, 0.5)]
    [InlineData(73, 40, 5, 0.7)]
    [InlineData(74, 3, 1, 0.4)]
    public void Prunes_the_crossbar_columns_with_the_smallest_l2_norm(int seed, int matrixRows, int matrixColumns, double sparsity)
    {
        float[] weights = RandomWeights.Uniform(new Random(seed), matrixRows * matrixColumns, magnitude: 1.0);
        float[] original = (float[])weights.Clone();

        bool[] keep = Pruner.Columns(weights, matrixRows, matrixColumns, sparsity);

        Matrix<double> matrix = ExpectedPruning.CrossbarMatrix(weights, matrixRows, matrixColumns);
        HashSet<int> pruned = ExpectedPruning.Smallest(Enumerable.Range(0, matrixColumns).Select(c => matrix.Column(c).L2Norm()).ToArray(), sparsity);
        for (int c = 0; c < matrixColumns; c++)
        {
            for (int r = 0; r < matrixRows; r++)
            {
                keep[c * matrixRows + r].ShouldBe(!pruned.Contains(c), $"element ({r}, {c})");
            }
        }

        pruned.Count.ShouldBe((int)Math.Round(sparsity * matrixColumns, MidpointRounding.AwayFromZero));
        keep.Count(k => !k).ShouldBe(pruned.Count * matrixRows);
        weights.ShouldBe(original);
    }

    [Fact]
    public void Ties_prune_the_lower_column_first()
    {
        float[] weights = [1f, 0f, 0f, -1f, 1f, 0f]; // 2 rows x 3 columns, each column of norm 1
        bool[] keep = Pruner.Columns(weights, 2, 3, 0.5); // round(1.5) = 2 columns
        keep.ShouldBe([false, false, false, false, true, true]);
    }
}
