namespace MapDsl.Runtime.Pruning;

/// <summary>Prunes whole crossbar rows (layer inputs) by L2 norm, which frees whole word lines.</summary>
internal static class RowPruning
{
    public static bool[] Select(ReadOnlySpan<float> w, int matrixRows, int matrixColumns, double sparsity)
    {
        MatrixShape.Check(w.Length, ("matrixRows", matrixRows), ("matrixColumns", matrixColumns));
        int pruneCount = SmallestUnits.PrunedCount(sparsity, matrixRows);

        // Element (r, c) sits at c * matrixRows + r, so one pass in memory order sums every row at once.
        var sumOfSquares = new double[matrixRows];
        for (int c = 0, index = 0; c < matrixColumns; c++)
        {
            for (int r = 0; r < matrixRows; r++, index++)
            {
                double value = w[index];
                sumOfSquares[r] += value * value;
            }
        }

        var units = new RankedUnit[matrixRows];
        for (int r = 0; r < matrixRows; r++)
        {
            units[r] = new RankedUnit(Math.Sqrt(sumOfSquares[r]), r);
        }

        bool[] keepRow = SmallestUnits.KeepAll(matrixRows);
        SmallestUnits.Prune(units, pruneCount, keepRow);

        var keep = new bool[w.Length];
        for (int c = 0; c < matrixColumns; c++)
        {
            keepRow.CopyTo(keep, c * matrixRows);
        }

        return keep;
    }
}
