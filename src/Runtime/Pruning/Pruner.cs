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
    /// How many patterns a conv layer's pattern library holds in <see cref="Pattern(ReadOnlySpan{float}, int, int, int, int, int)"/>
    /// (the value PatDNN uses): 8.
    /// </summary>
    public const int DefaultPatternLibrarySize = 8;

    /// <summary>
    /// Pattern pruning with a library of at most <see cref="DefaultPatternLibrarySize"/> patterns per layer: every
    /// kernelHeight x kernelWidth kernel of a conv weight in [out, in, kh, kw] layout keeps exactly
    /// <paramref name="keep"/> entries, in one of the layer's library patterns. See
    /// <see cref="Pattern(ReadOnlySpan{float}, int, int, int, int, int, int)"/> for the rule.
    /// </summary>
    /// <param name="w">Conv weights.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="kernelHeight">Kernel height.</param>
    /// <param name="kernelWidth">Kernel width.</param>
    /// <param name="keep">Entries kept per kernel, in [1, kh * kw].</param>
    public static bool[] Pattern(
        ReadOnlySpan<float> w, int outChannels, int inChannels, int kernelHeight, int kernelWidth, int keep) =>
        Pattern(w, outChannels, inChannels, kernelHeight, kernelWidth, keep, DefaultPatternLibrarySize);

    /// <summary>
    /// Pattern pruning with a per-layer library of at most <paramref name="librarySize"/> patterns (PatDNN style).
    /// The library (<see cref="PatternLibrary"/> returns it) holds the most frequent top-N patterns of the layer's
    /// kernels. Each kernel then keeps exactly <paramref name="keep"/> entries laid out as one library pattern: its own
    /// top-N pattern if that made the library, otherwise the library pattern keeping the largest L2 norm of its
    /// weights (equal norms: the earlier library pattern). So at most <paramref name="librarySize"/> distinct patterns
    /// occur in a layer, and the result does not depend on the order of the kernels.
    /// </summary>
    /// <param name="w">Conv weights.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="kernelHeight">Kernel height.</param>
    /// <param name="kernelWidth">Kernel width.</param>
    /// <param name="keep">Entries kept per kernel, in [1, kh * kw].</param>
    /// <param name="librarySize">Most patterns one layer may use, at least 1.</param>
    public static bool[] Pattern(
        ReadOnlySpan<float> w, int outChannels, int inChannels, int kernelHeight, int kernelWidth, int keep, int librarySize) =>
        PatternPruning.Select(w, outChannels, inChannels, kernelHeight, kernelWidth, keep, librarySize);

    /// <summary>
    /// The pattern library <see cref="Pattern(ReadOnlySpan{float}, int, int, int, int, int, int)"/> uses for this layer,
    /// for reports and inspection. Each kernel casts one vote for its top-N pattern: its <paramref name="keep"/>
    /// largest |w| (equal magnitudes: the lower position is dropped first). The at most <paramref name="librarySize"/>
    /// patterns with the most votes form the library, ordered by votes (descending), then lexicographically by their
    /// kept positions (ascending). Every library pattern is thus the top-N pattern of some kernel of the layer.
    /// </summary>
    /// <returns>Per library pattern, its kept kernel positions in ascending row-major order (<c>r * kernelWidth + c</c>).</returns>
    /// <param name="w">Conv weights.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="kernelHeight">Kernel height.</param>
    /// <param name="kernelWidth">Kernel width.</param>
    /// <param name="keep">Entries kept per kernel, in [1, kh * kw].</param>
    /// <param name="librarySize">Most patterns one layer may use, at least 1.</param>
    public static int[][] PatternLibrary(
        ReadOnlySpan<float> w, int outChannels, int inChannels, int kernelHeight, int kernelWidth, int keep,
        int librarySize = DefaultPatternLibrarySize) =>
        [
            .. PatternPruning.Library(w, outChannels, inChannels, kernelHeight, kernelWidth, keep, librarySize, out _)
                .Select(pattern => (int[])pattern.Positions.Clone()),
        ];

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
