using MapDsl.Runtime.Pruning;

namespace MapDsl.Runtime.Engine.Training;

/// <summary>
/// Keep-masks in training. A mask is a bool per weight (true = kept), as <see cref="Pruner"/> returns them. The rule:
/// a pruned weight is exactly 0 before training (<see cref="Apply"/>) and stays exactly 0 through every
/// <see cref="Sgd.Step(Span{float}, ReadOnlySpan{float}, int, ReadOnlySpan{bool})"/>, which drops its gradient, weight
/// decay and velocity. Clearing the velocity too matters: otherwise momentum gathered before pruning would move the
/// weight again, and a weight kept later (a mask that changes during training) would start with stale momentum.
/// </summary>
public static class Masks
{
    /// <summary>Sets every weight whose <paramref name="keep"/> entry is false to 0.</summary>
    /// <param name="weights">Weights, changed in place.</param>
    /// <param name="keep">One entry per weight.</param>
    public static void Apply(Span<float> weights, ReadOnlySpan<bool> keep) => Pruner.Apply(weights, keep);
}
