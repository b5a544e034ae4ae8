using MapDsl.Runtime.Pruning;
using MapDsl.Runtime.Tests.Support;
using MathNet.Numerics.LinearAlgebra;

namespace MapDsl.Runtime.Tests.Pruning;

public sealed class RowPruningTests
{
    [Theory]
    [InlineData(61, 17, 9, 0.25)]
    [InlineData(62, 150, 16, 0.5)]
    [InlineData(63, 5, 40, 0.7)]
    [InlineData(64, 1, 3, 0.4)]
    public void Prunes_the_crossbar_rows_with_the_smallest_l2_norm(int seed, int matrixRows, int matrixColumns, double sparsity)
    {
        float[] weights = RandomWeights.Uniform(new Random(seed), matrixRows * matrixColumns, magnitude: 1.0);
        float[] original = (float[])weights.Clone();

        bool[] keep = Pruner.Rows(weights, matrixRows, matrixColumns, sparsity);

        Matrix<double> matrix = ExpectedPruning.CrossbarMatrix(weights, matrixRows, matrixColumns);
        HashSet<int> pruned = ExpectedPruning.Smallest(Enumerable.Range(0, matrixRows).Select(r => matrix.Row(r).L2Norm()).ToArray(), sparsity);
        for (int c = 0; c < matrixColumns; c++)
        {
            for (int r = 0; r < matrixRows; r++)
            {
                keep[c * matrixRows + r].ShouldBe(!pruned.Contains(r), $"element ({r}, {c})");
            }
        }

        pruned.Count.ShouldBe((int)Math.Round(sparsity * matrixRows, MidpointRounding.AwayFromZero));
        keep.Count(k => !k).ShouldBe(pruned.Count * matrixColumns);
        weights.ShouldBe(original);
    }

    [Fact]
    public void Ties_prune_the_lower_row_first()
    {
        float[] ones = Enumerable.Repeat(1f, 3 * 2).ToArray(); // 3 rows x 2 columns
        bool[] keep = Pruner.Rows(ones, 3, 2, 0.34);           // round(1.02) = 1 row
        keep.ShouldBe([false, true, true, false, true, true]);
    }

    [Fact]
    public void A_weight_array_of_the_wrong_size_is_rejected()
    {
        Should.Throw<ArgumentException>(() => Pruner.Rows(new float[7], 2, 4, 0.5)).Message.ShouldContain("holds 7 values");
        Should.Throw<ArgumentOutOfRangeException>(() => Pruner.Rows(new float[0], 0, 4, 0.5)).ParamName.ShouldBe("matrixRows");
    }
}
