namespace MapDsl.Runtime.Pruning;

/// <summary>
/// N:M pruning along the inputs of each output: every run of m consecutive crossbar rows of one column keeps its
/// n largest-magnitude weights. Runs restart at row 0 of each column; a last partial run keeps min(n, its size).
/// </summary>
internal static class NOfMPruning
{
    public static bool[] Select(ReadOnlySpan<float> w, int matrixRows, int matrixColumns, int n, int m)
    {
        MatrixShape.Check(w.Length, ("matrixRows", matrixRows), ("matrixColumns", matrixColumns));
        if (m < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(m), m, $"m must be at least 1, got {m}.");
        }

        if (n < 1 || n > m)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"n must be in [1, m = {m}], got {n}.");
        }

        bool[] keep = SmallestUnits.KeepAll(w.Length);
        var units = new RankedUnit[m];

        // A column's rows are contiguous in the PyTorch layout, so each run is a contiguous slice.
        for (int c = 0; c < matrixColumns; c++)
        {
            int columnStart = c * matrixRows;
            for (int runStart = 0; runStart < matrixRows; runStart += m)
            {
                int runLength = Math.Min(m, matrixRows - runStart);
                Span<RankedUnit> run = units.AsSpan(0, runLength);
                for (int t = 0; t < runLength; t++)
                {
                    int index = columnStart + runStart + t;
                    run[t] = new RankedUnit(Math.Abs((double)w[index]), index);
                }

                SmallestUnits.Prune(run, runLength - Math.Min(n, runLength), keep);
            }
        }

        return keep;
    }
}
