namespace MapDsl.Runtime.Pruning;

/// <summary>Magnitude pruning of individual weights.</summary>
internal static class UnstructuredPruning
{
    public static bool[] Select(ReadOnlySpan<float> w, double sparsity)
    {
        int pruneCount = SmallestUnits.PrunedCount(sparsity, w.Length);
        var units = new RankedUnit[w.Length];
        for (int i = 0; i < w.Length; i++)
        {
            units[i] = new RankedUnit(Math.Abs((double)w[i]), i);
        }

        bool[] keep = SmallestUnits.KeepAll(w.Length);
        SmallestUnits.Prune(units, pruneCount, keep);
        return keep;
    }
}
