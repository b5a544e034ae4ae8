namespace MapDsl.Runtime.Pruning;

/// <summary>
/// Magnitude-based pruning selections. Every method returns a keep-mask as long as the weight array (true = kept)
/// and leaves the weights untouched; <see cref="Apply"/> zeroes the pruned ones. Where a sparsity is given,
/// <c>round(sparsity * units)</c> units are pruned (halfway away from zero): those with the smallest magnitude
/// (L2 norm for groups), equal magnitudes pruned lowest index first, so results are deterministic.
/// Weights are in PyTorch layout: crossbar-matrix element (r, c) at <c>c * matrixRows + r</c>.
/// </summary>
public static class Pruner
{
    /// <summary>Prunes individual weights by |w|; units are array indices.</summary>
    /// <param name="w">Weights.</param>
    /// <param name="sparsity">Fraction of weights to prune, in [0, 1).</param>
    public static bool[] Unstructured(ReadOnlySpan<float> w, double sparsity) => UnstructuredPruning.Select(w, sparsity);

    /// <summary>Prunes whole crossbar rows (layer inputs) by L2 norm; units are row indices.</summary>
    /// <param name="w">Weights.</param>
    /// <param name="matrixRows">Rows of the crossbar matrix.</param>
    /// <param name="matrixColumns">Columns of the crossbar matrix.</param>
    /// <param name="sparsity">Fraction of rows to prune, in [0, 1).</param>
    public static bool[] Rows(ReadOnlySpan<float> w, int matrixRows, int matrixColumns, double sparsity) =>
        RowPruning.Select(w, matrixRows, matrixColumns, sparsity);

    /// <summary>Prunes whole crossbar columns (layer outputs) by L2 norm; units are column indices.</summary>
    /// <param name="w">Weights.</param>
    /// <param name="matrixRows">Rows of the crossbar matrix.</param>
    /// <param name="matrixColumns">Columns of the crossbar matrix.</param>
    /// <param name="sparsity">Fraction of columns to prune, in [0, 1).</param>
    public static bool[] Columns(ReadOnlySpan<float> w, int matrixRows, int matrixColumns, double sparsity) =>
        ColumnPruning.Select(w, matrixRows, matrixColumns, sparsity);

    /// <summary>
    /// Prunes blockRows x blockColumns blocks of the crossbar matrix by L2 norm. The grid starts at (0, 0); edge blocks
    /// may be partial and count as units with their plain norm; blocks are numbered row-major over the grid.
    /// </summary>
    /// <param name="w">Weights.</param>
    /// <param name="matrixRows">Rows of the crossbar matrix.</param>
    /// <param name="matrixColumns">Columns of the crossbar matrix.</param>
    /// <param name="blockRows">Matrix rows per block.</param>
    /// <param name="blockColumns">Matrix columns per block.</param>
    /// <param name="sparsity">Fraction of blocks to prune, in [0, 1).</param>
    public static bool[] Blocks(
        ReadOnlySpan<float> w, int matrixRows, int matrixColumns, int blockRows, int blockColumns, double sparsity) =>
        BlockPruning.Select(w, matrixRows, matrixColumns, blockRows, blockColumns, sparsity);

    /// <summary>
    /// Keeps the <paramref name="keep"/> largest-magnitude entries of each kernelHeight x kernelWidth kernel of a conv
    /// weight in [out, in, kh, kw] layout. For now the pattern set is every keep-subset of kernel positions.
    /// </summary>
    /// <param name="w">Conv weights.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="kernelHeight">Kernel height.</param>
    /// <param name="kernelWidth">Kernel width.</param>
    /// <param name="keep">Entries kept per kernel, in [1, kh * kw].</param>
    public static bool[] Pattern(
        ReadOnlySpan<float> w, int outChannels, int inChannels, int kernelHeight, int kernelWidth, int keep) =>
        PatternPruning.Select(w, outChannels, inChannels, kernelHeight, kernelWidth, keep);

    /// <summary>
    /// N:M pruning: in each run of <paramref name="m"/> consecutive crossbar rows of one column (inputs of one output),
    /// keeps the <paramref name="n"/> largest by |w|. Runs restart at each column; a last partial run keeps min(n, size).
    /// </summary>
    /// <param name="w">Weights.</param>
    /// <param name="matrixRows">Rows of the crossbar matrix.</param>
    /// <param name="matrixColumns">Columns of the crossbar matrix.</param>
    /// <param name="n">Weights kept per run, in [1, m].</param>
    /// <param name="m">Run length.</param>
    public static bool[] NOfM(ReadOnlySpan<float> w, int matrixRows, int matrixColumns, int n, int m) =>
        NOfMPruning.Select(w, matrixRows, matrixColumns, n, m);

    /// <summary>Zeroes every weight whose mask entry is false.</summary>
    /// <param name="weights">Weights, changed in place.</param>
    /// <param name="keep">Keep-mask of the same length.</param>
    public static void Apply(Span<float> weights, ReadOnlySpan<bool> keep)
    {
        if (keep.Length != weights.Length)
        {
            throw new ArgumentException($"The keep-mask has {keep.Length} entries but there are {weights.Length} weights.", nameof(keep));
        }

        for (int i = 0; i < weights.Length; i++)
        {
            if (!keep[i])
            {
                weights[i] = 0f;
            }
        }
    }
}
