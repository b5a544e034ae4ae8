using Lab.Pruning;

namespace Pruning;

/// <summary>One pruning declaration of pruning.xmap: its name, its rules as written, and its generated keep-masks.</summary>
/// <param name="Name">The declaration's name.</param>
/// <param name="Kind">The pruning kind it demonstrates.</param>
/// <param name="Rules">Its rules, as in pruning.xmap (for the report).</param>
/// <param name="Keep">The keep-masks of the weights, in LeNet5.WeightedLayerNames order (true = kept).</param>
internal sealed record PruningDeclaration(string Name, string Kind, string Rules, Func<LeNet5.Weights, bool[][]> Keep)
{
    /// <summary>The six declarations of pruning.xmap, one per kind.</summary>
    public static IReadOnlyList<PruningDeclaration> All { get; } =
    [
        new(Unstructured.Name, "unstructured", "*: unstructured 90%", w => [Unstructured.KeepC1(w.C1), Unstructured.KeepC2(w.C2), Unstructured.KeepF1(w.F1), Unstructured.KeepF2(w.F2), Unstructured.KeepF3(w.F3)]),
        new(Rows.Name, "rows", "c1: none; *: rows 60%", w => [Rows.KeepC1(w.C1), Rows.KeepC2(w.C2), Rows.KeepF1(w.F1), Rows.KeepF2(w.F2), Rows.KeepF3(w.F3)]),
        new(Columns.Name, "columns", "c1, f3: none; *: columns 60%", w => [Columns.KeepC1(w.C1), Columns.KeepC2(w.C2), Columns.KeepF1(w.F1), Columns.KeepF2(w.F2), Columns.KeepF3(w.F3)]),
        new(Blocks.Name, "blocks", "c1: none; *: blocks 8x8 75%", w => [Blocks.KeepC1(w.C1), Blocks.KeepC2(w.C2), Blocks.KeepF1(w.F1), Blocks.KeepF2(w.F2), Blocks.KeepF3(w.F3)]),
        new(Patterns.Name, "pattern", "c1, c2: pattern 5 of 5x5; *: unstructured 90%", w => [Patterns.KeepC1(w.C1), Patterns.KeepC2(w.C2), Patterns.KeepF1(w.F1), Patterns.KeepF2(w.F2), Patterns.KeepF3(w.F3)]),
        new(OneOfFour.Name, "n:m", "*: n:m 1:4", w => [OneOfFour.KeepC1(w.C1), OneOfFour.KeepC2(w.C2), OneOfFour.KeepF1(w.F1), OneOfFour.KeepF2(w.F2), OneOfFour.KeepF3(w.F3)]),
    ];
}
