namespace MapDsl.Runtime.Faults;

/// <summary>
/// Binary searches over monotone tables of probabilities (cumulative sums, tails, bounds), written once for the
/// binomial count tables. Plain loops rather than one search over a predicate delegate: a lambda capturing the
/// value would allocate per count, and a campaign draws a count per tile and stream.
/// </summary>
internal static class SortedSearch
{
    /// <summary>The first index whose value is at least <paramref name="value"/> in a non-decreasing table; its length if none is.</summary>
    public static int FirstAtLeast(ReadOnlySpan<double> nonDecreasing, double value)
    {
        int low = 0, high = nonDecreasing.Length;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            (low, high) = nonDecreasing[middle] >= value ? (low, middle) : (middle + 1, high);
        }

        return low;
    }

    /// <summary>The first index whose value is above <paramref name="value"/> in a non-decreasing table; its length if none is.</summary>
    public static int FirstAbove(ReadOnlySpan<double> nonDecreasing, double value)
    {
        int low = 0, high = nonDecreasing.Length;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            (low, high) = nonDecreasing[middle] > value ? (low, middle) : (middle + 1, high);
        }

        return low;
    }

    /// <summary>The first index whose value is at most <paramref name="value"/> in a non-increasing table; its length if none is.</summary>
    public static int FirstAtMost(ReadOnlySpan<double> nonIncreasing, double value)
    {
        int low = 0, high = nonIncreasing.Length;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            (low, high) = nonIncreasing[middle] <= value ? (low, middle) : (middle + 1, high);
        }

        return low;
    }
}
