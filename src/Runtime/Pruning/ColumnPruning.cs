namespace MapDsl.Runtime.Pruning;

/// <summary>Prunes whole crossbar columns (layer outputs) by L2 norm, which frees whole bit lines.</summary>
internal static class ColumnPruning
{
    public static bool[] Select(ReadOnlySpan<float> w, int matrixRows, int matrixColumns, double sparsity)
    {
        MatrixShape.Check(w.Length, ("matrixRows", matrixRows), ("matrixColumns", matrixColumns));
        int pruneCount = SmallestUnits.PrunedCount(sparsity, matrixColumns);

        var units = new RankedUnit[matrixColumns];
        for (int c = 0; c < matrixColumns; c++)
        {
            units[c] = new RankedUnit(L2Norm(w.Slice(c * matrixRows, matrixRows)), c);
        }

        bool[] keepColumn = SmallestUnits.KeepAll(matrixColumns);
        SmallestUnits.Prune(units, pruneCount, keepColumn);

        var keep = new bool[w.Length];
        for (int c = 0; c < matrixColumns; c++)
        {
            // A column is contiguous in the PyTorch layout.
            keep.AsSpan(c * matrixRows, matrixRows).Fill(keepColumn[c]);
        }

        return keep;
    }

    private static double L2Norm(ReadOnlySpan<float> values)
    {
        double sumOfSquares = 0;
        foreach (float value in values)
        {
            sumOfSquares += (double)value * value;
        }

        return Math.Sqrt(sumOfSquares);
    }
}
