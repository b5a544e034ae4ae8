namespace MapDsl.Runtime.Pruning;

/// <summary>
/// Pattern pruning of conv kernels: each kh x kw kernel keeps its <c>keep</c> largest-magnitude entries. The
/// allowed pattern set is, for now, every keep-subset of the kernel positions, so each kernel simply picks its own.
/// </summary>
internal static class PatternPruning
{
    public static bool[] Select(
        ReadOnlySpan<float> w, int outChannels, int inChannels, int kernelHeight, int kernelWidth, int keep)
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

        bool[] mask = SmallestUnits.KeepAll(w.Length);
        var units = new RankedUnit[kernelSize];

        // Kernel (o, i) is contiguous in the [out, in, kh, kw] layout.
        for (int start = 0; start < w.Length; start += kernelSize)
        {
            for (int t = 0; t < kernelSize; t++)
            {
                units[t] = new RankedUnit(Math.Abs((double)w[start + t]), start + t);
            }

            SmallestUnits.Prune(units, kernelSize - keep, mask);
        }

        return mask;
    }
}
