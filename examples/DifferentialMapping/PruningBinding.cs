using Lab.Differential;

namespace DifferentialMapping;

/// <summary>
/// One pruning declaration of differential.xmap as the experiment uses it: the pruned copy of a network and its
/// keep-masks (one per weighted layer, in LeNet5.WeightedLayerNames order) for masked fine-tuning.
/// </summary>
/// <param name="Name">The declaration's name.</param>
/// <param name="SparsityPercent">The sparsity it declares for the pruned layers, in percent.</param>
/// <param name="Apply">A pruned copy of the weights.</param>
/// <param name="Keep">The keep-masks of the weights (true = kept).</param>
internal sealed record PruningBinding(
    string Name, int SparsityPercent, Func<LeNet5.Weights, LeNet5.Weights> Apply, Func<LeNet5.Weights, bool[][]> Keep)
{
    /// <summary>The three pruning levels of differential.xmap; the unpruned network is the fourth configuration.</summary>
    public static IReadOnlyList<PruningBinding> All { get; } =
    [
        new(Sparse50.Name, 50, Sparse50.Apply, w => [Sparse50.KeepC1(w.C1), Sparse50.KeepC2(w.C2), Sparse50.KeepF1(w.F1), Sparse50.KeepF2(w.F2), Sparse50.KeepF3(w.F3)]),
        new(Sparse80.Name, 80, Sparse80.Apply, w => [Sparse80.KeepC1(w.C1), Sparse80.KeepC2(w.C2), Sparse80.KeepF1(w.F1), Sparse80.KeepF2(w.F2), Sparse80.KeepF3(w.F3)]),
        new(Sparse90.Name, 90, Sparse90.Apply, w => [Sparse90.KeepC1(w.C1), Sparse90.KeepC2(w.C2), Sparse90.KeepF1(w.F1), Sparse90.KeepF2(w.F2), Sparse90.KeepF3(w.F3)]),
    ];
}
