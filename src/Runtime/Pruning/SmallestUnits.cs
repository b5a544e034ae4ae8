namespace MapDsl.Runtime.Pruning;

/// <summary>The selection every pruning algorithm shares: how many units go, and which ones (the smallest).</summary>
internal static class SmallestUnits
{
    /// <summary><c>round(sparsity * units)</c>, halfway cases away from zero.</summary>
    public static int PrunedCount(double sparsity, int units)
    {
        if (!(sparsity >= 0 && sparsity < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, $"sparsity must be in [0, 1), got {sparsity}.");
        }

        return (int)Math.Round(sparsity * units, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Clears <c>keep[unit.Index]</c> for the <paramref name="pruneCount"/> smallest of <paramref name="units"/>
    /// (reorders <paramref name="units"/>).
    /// </summary>
    public static void Prune(Span<RankedUnit> units, int pruneCount, Span<bool> keep)
    {
        if (pruneCount <= 0)
        {
            return;
        }

        units.Sort();
        foreach (RankedUnit unit in units[..pruneCount])
        {
            keep[unit.Index] = false;
        }
    }

    /// <summary>A mask of <paramref name="length"/> entries, all kept.</summary>
    public static bool[] KeepAll(int length)
    {
        var keep = new bool[length];
        Array.Fill(keep, true);
        return keep;
    }
}
