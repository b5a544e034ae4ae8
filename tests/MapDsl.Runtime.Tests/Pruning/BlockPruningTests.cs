using MapDsl.Runtime.Pruning;
using MapDsl.Runtime.Tests.Support;
using MathNet.Numerics.LinearAlgebra;

namespace MapDsl.Runtime.Tests.Pruning;

public sealed class BlockPruningTests
{
    [Theory]
    [InlineData(81, 13, 10, 4, 3, 0.3)]  // partial blocks on both edges
    [InlineData(82, 16, 16, 4, 4, 0.5)]
    [InlineData(83, 7, 5, 7, 5, 0.4)]   // one block: rounds to none
    [InlineData(84, 9, 20, 1, 20, 0.6)] // blocks are whole rows
    public void Prunes_the_blocks_with_the_smallest_l2_norm(
        int seed, int matrixRows, int matrixColumns, int blockRows, int blockColumns, double sparsity)
    {
        float[] weights = RandomWeights.Uniform(new Random(seed), matrixRows * matrixColumns, magnitude: 1.0);
        float[] original = (float[])weights.Clone();

        bool[] keep = Pruner.Blocks(weights, matrixRows, matrixColumns, blockRows, blockColumns, sparsity);

        Matrix<double> matrix = ExpectedPruning.CrossbarMatrix(weights, matrixRows, matrixColumns);
        int down = (int)Math.Ceiling(matrixRows / (double)blockRows);
        int across = (int)Math.Ceiling(matrixColumns / (double)blockColumns);
        var norms = new double[down * across];
        for (int a = 0; a < down; a++)
        {
            for (int b = 0; b < across; b++)
            {
                int rows = Math.Min(blockRows, matrixRows - a * blockRows);
                int columns = Math.Min(blockColumns, matrixColumns - b * blockColumns);
                norms[a * across + b] = matrix.SubMatrix(a * blockRows, rows, b * blockColumns, columns).FrobeniusNorm();
            }
        }

        HashSet<int> pruned = ExpectedPruning.Smallest(norms, sparsity);
        for (int c = 0; c < matrixColumns; c++)
        {
            for (int r = 0; r < matrixRows; r++)
            {
                int block = r / blockRows * across + c / blockColumns;
                keep[c * matrixRows + r].ShouldBe(!pruned.Contains(block), $"element ({r}, {c}) in block {block}");
            }
        }

        pruned.Count.ShouldBe((int)Math.Round(sparsity * norms.Length, MidpointRounding.AwayFromZero));
        weights.ShouldBe(original);
    }

    [Fact]
    public void Ties_prune_blocks_in_row_major_grid_order()
    {
        float[] ones = Enumerable.Repeat(1f, 4 * 4).ToArray();
        bool[] keep = Pruner.Blocks(ones, 4, 4, 2, 2, 0.5);

        // Blocks 0 and 1 are the top row of the grid: matrix rows 0 and 1 go, in every column.
        for (int c = 0; c < 4; c++)
        {
            keep.Skip(c * 4).Take(4).ShouldBe([false, false, true, true]);
        }
    }

    [Fact]
    public void Non_positive_block_sizes_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Pruner.Blocks(new float[4], 2, 2, 0, 1, 0.5)).ParamName.ShouldBe("blockRows");
        Should.Throw<ArgumentOutOfRangeException>(() => Pruner.Blocks(new float[4], 2, 2, 1, -1, 0.5)).ParamName.ShouldBe("blockColumns");
    }
}
