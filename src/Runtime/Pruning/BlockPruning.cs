namespace MapDsl.Runtime.Pruning;

/// <summary>
/// Prunes blocks of the crossbar matrix by L2 norm, so that whole sub-arrays of a tile can be skipped. Blocks lie on
/// a grid from (0, 0) and are numbered row-major over that grid (the tie-break order); edge blocks may be partial
/// and compete with their plain (unnormalised) norm.
/// </summary>
internal static class BlockPruning
{
    public static bool[] Select(
        ReadOnlySpan<float> w, int matrixRows, int matrixColumns, int blockRows, int blockColumns, double sparsity)
    {
        MatrixShape.Check(w.Length, ("matrixRows", matrixRows), ("matrixColumns", matrixColumns));
        MatrixShape.CheckPositive(blockRows, nameof(blockRows));
        MatrixShape.CheckPositive(blockColumns, nameof(blockColumns));

        int blocksDown = matrixRows / blockRows + (matrixRows % blockRows == 0 ? 0 : 1);
        int blocksAcross = matrixColumns / blockColumns + (matrixColumns % blockColumns == 0 ? 0 : 1);
        int blockCount = checked(blocksDown * blocksAcross);
        int pruneCount = SmallestUnits.PrunedCount(sparsity, blockCount);

        var sumOfSquares = new double[blockCount];
        for (int c = 0, index = 0; c < matrixColumns; c++)
        {
            int blockColumn = c / blockColumns;
            for (int r = 0; r < matrixRows; r++, index++)
            {
                double value = w[index];
                sumOfSquares[(r / blockRows) * blocksAcross + blockColumn] += value * value;
            }
        }

        var units = new RankedUnit[blockCount];
        for (int b = 0; b < blockCount; b++)
        {
            units[b] = new RankedUnit(Math.Sqrt(sumOfSquares[b]), b);
        }

        bool[] keepBlock = SmallestUnits.KeepAll(blockCount);
        SmallestUnits.Prune(units, pruneCount, keepBlock);

        var keep = new bool[w.Length];
        for (int c = 0, index = 0; c < matrixColumns; c++)
        {
            int blockColumn = c / blockColumns;
            for (int r = 0; r < matrixRows; r++, index++)
            {
                keep[index] = keepBlock[(r / blockRows) * blocksAcross + blockColumn];
            }
        }

        return keep;
    }
}
