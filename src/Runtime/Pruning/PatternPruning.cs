namespace MapDsl.Runtime.Pruning;

/// <summary>
/// Pattern pruning of conv kernels with a per-layer pattern library (<see cref="PatternVotes"/>): each kh x kw
/// kernel keeps exactly <c>keep</c> entries, laid out as one of at most <c>librarySize</c> patterns. A kernel whose
/// own top-N pattern made the library keeps it (no pattern keeps more of its norm); any other kernel gets the library
/// pattern that keeps the largest L2 norm of its weights, equal norms going to the earlier (more frequent) pattern.
/// </summary>
internal static class PatternPruning
{
    public static bool[] Select(
        ReadOnlySpan<float> w, int outChannels, int inChannels, int kernelHeight, int kernelWidth, int keep, int librarySize)
    {
        KernelPattern[] library = Library(w, outChannels, inChannels, kernelHeight, kernelWidth, keep, librarySize, out KernelPattern[] own);
        int kernelSize = kernelHeight * kernelWidth;
        var inLibrary = new HashSet<KernelPattern>(library);
        var mask = new bool[w.Length];

        // Kernel (o, i) is contiguous in the [out, in, kh, kw] layout.
        for (int k = 0; k < own.Length; k++)
        {
            ReadOnlySpan<float> kernel = w.Slice(k * kernelSize, kernelSize);
            KernelPattern chosen = inLibrary.Contains(own[k]) ? own[k] : Closest(library, kernel);
            foreach (int position in chosen.Positions)
            {
                mask[k * kernelSize + position] = true;
            }
        }

        return mask;
    }

    public static KernelPattern[] Library(
        ReadOnlySpan<float> w, int outChannels, int inChannels, int kernelHeight, int kernelWidth, int keep, int librarySize,
        out KernelPattern[] ownPatterns)
    {
        MatrixShape.Check(
            w.Length,
            ("outChannels", outChannels),
            ("inChannels", inChannels),
            ("kernelHeight", kernelHeight),
            ("kernelWidth", kernelWidth));
        int kernelSize = kernelHeight * kernelWidth;
        if (keep < 1 || keep > kernelSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(keep), keep, $"keep must be in [1, {kernelSize}] for a {kernelHeight}x{kernelWidth} kernel, got {keep}.");
        }

        MatrixShape.CheckPositive(librarySize, nameof(librarySize));
        ownPatterns = PatternVotes.OwnPatterns(w, kernelSize, keep);
        return PatternVotes.MostFrequent(ownPatterns, librarySize);
    }

    // Strictly greater only, so that equal norms keep the earlier library pattern.
    private static KernelPattern Closest(KernelPattern[] library, ReadOnlySpan<float> kernel)
    {
        KernelPattern best = library[0];
        double bestNorm = best.KeptSumOfSquares(kernel);
        for (int p = 1; p < library.Length; p++)
        {
            double norm = library[p].KeptSumOfSquares(kernel);
            if (norm > bestNorm)
            {
                best = library[p];
                bestNorm = norm;
            }
        }

        return best;
    }
}
