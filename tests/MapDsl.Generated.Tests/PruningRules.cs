namespace MapDsl.Generated.Tests;

/// <summary>A pruning rule of one layer as Xmap/pruning.xmap writes it, to check a keep-mask against.</summary>
/// <param name="Kind">none, unstructured, rows, columns, blocks, pattern or n:m.</param>
/// <param name="Sparsity">The declared sparsity (unstructured, rows, columns, blocks).</param>
/// <param name="A">Block rows, entries kept per kernel (pattern), or N (n:m).</param>
/// <param name="B">Block columns, or M (n:m).</param>
internal sealed record PruningRule(string Kind, double Sparsity = 0, int A = 0, int B = 0)
{
    public static readonly PruningRule None = new("none");

    /// <summary>
    /// Checks that <paramref name="keep"/> has the structure the rule asks for (whole rows, whole blocks, N per kernel,
    /// ...) and returns how many weights the rule prunes, computed from the declaration alone: round(S · units) units
    /// (halfway away from zero), each unit's size taken from the mask only for partial edge blocks.
    /// </summary>
    public int CheckAndCountPruned(bool[] keep, int matrixRows, int matrixColumns, int kernelSize)
    {
        bool Kept(int r, int c) => keep[c * matrixRows + r];
        int Units(int units) => (int)Math.Round(Sparsity * units, MidpointRounding.AwayFromZero);
        switch (Kind)
        {
            case "none":
                return 0;
            case "unstructured":
                return Units(keep.Length);
            case "rows":
                Enumerable.Range(0, matrixRows).All(r => Enumerable.Range(0, matrixColumns).All(c => Kept(r, c) == Kept(r, 0))).ShouldBeTrue("a row is pruned whole");
                return Units(matrixRows) * matrixColumns;
            case "columns":
                Enumerable.Range(0, matrixColumns).All(c => Enumerable.Range(0, matrixRows).All(r => Kept(r, c) == Kept(0, c))).ShouldBeTrue("a column is pruned whole");
                return Units(matrixColumns) * matrixRows;
            case "blocks":
                var blocks = (from r in Enumerable.Range(0, matrixRows)
                              from c in Enumerable.Range(0, matrixColumns)
                              group Kept(r, c) by (r / A, c / B)).ToList();
                blocks.ShouldAllBe(b => b.All(k => k == b.First()), "a block is pruned whole");
                var pruned = blocks.Where(b => !b.First()).ToList();
                pruned.Count.ShouldBe(Units(blocks.Count), "pruned blocks");
                return pruned.Sum(b => b.Count());
            case "pattern":
                var kernels = keep.Chunk(kernelSize).ToList();
                kernels.ShouldAllBe(k => k.Count(x => x) == A, "every kernel keeps N");
                kernels.Select(k => string.Concat(k.Select(x => x ? '1' : '0'))).Distinct().Count().ShouldBeLessThanOrEqualTo(8, "patterns per layer");
                return kernels.Count * (kernelSize - A);
            case "n:m":
                var expected = 0;
                for (var c = 0; c < matrixColumns; c++)
                {
                    for (var start = 0; start < matrixRows; start += B)
                    {
                        var length = Math.Min(B, matrixRows - start);
                        var column = c;
                        Enumerable.Range(start, length).Count(r => Kept(r, column)).ShouldBe(Math.Min(A, length), $"run at row {start} of column {c}");
                        expected += length - Math.Min(A, length);
                    }
                }

                return expected;
            default:
                throw new ArgumentException($"Unknown kind '{Kind}'.", nameof(Kind));
        }
    }
}
