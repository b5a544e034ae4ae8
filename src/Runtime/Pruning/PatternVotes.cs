namespace MapDsl.Runtime.Pruning;

/// <summary>
/// The pattern set of one conv layer, PatDNN style: every kernel votes for its own top-N pattern (its N largest |w|,
/// equal magnitudes losing the lower position as everywhere in pruning), and the <c>size</c> patterns with the most
/// votes form the library, most votes first, equal votes in lexicographic order of their kept positions. So every
/// library pattern is the top-N pattern of at least one kernel of the layer, and the library is deterministic and
/// independent of the order of the kernels.
/// </summary>
internal static class PatternVotes
{
    /// <summary>The top-N pattern of every kernel, in kernel order ([out, in] row-major).</summary>
    public static KernelPattern[] OwnPatterns(ReadOnlySpan<float> w, int kernelSize, int keep)
    {
        var patterns = new KernelPattern[w.Length / kernelSize];
        var units = new RankedUnit[kernelSize];
        var kept = new bool[kernelSize];
        for (int k = 0; k < patterns.Length; k++)
        {
            ReadOnlySpan<float> kernel = w.Slice(k * kernelSize, kernelSize);
            for (int t = 0; t < kernelSize; t++)
            {
                units[t] = new RankedUnit(Math.Abs((double)kernel[t]), t);
            }

            Array.Fill(kept, true);
            SmallestUnits.Prune(units, kernelSize - keep, kept);
            var positions = new int[keep];
            for (int t = 0, p = 0; t < kernelSize; t++)
            {
                if (kept[t])
                {
                    positions[p++] = t;
                }
            }

            patterns[k] = new KernelPattern(positions);
        }

        return patterns;
    }

    /// <summary>The at most <paramref name="size"/> most frequent of <paramref name="ownPatterns"/>, in library order.</summary>
    public static KernelPattern[] MostFrequent(IReadOnlyList<KernelPattern> ownPatterns, int size)
    {
        var votes = new Dictionary<KernelPattern, int>();
        foreach (KernelPattern pattern in ownPatterns)
        {
            votes[pattern] = votes.GetValueOrDefault(pattern) + 1;
        }

        return
        [
            .. votes
                .OrderByDescending(vote => vote.Value)
                .ThenBy(vote => vote.Key)
                .Take(size)
                .Select(vote => vote.Key),
        ];
    }
}
