namespace MapDsl.Runtime.Contract;

/// <summary>The pruning rule of one weighted layer.</summary>
/// <param name="Layer">The layer's name in the .xmap file.</param>
/// <param name="Rule">The rule in the words of the language, e.g. <c>blocks 8x8 50%</c>, or <c>none</c>.</param>
/// <param name="Sparsity">
/// The fraction the rule prunes: the declared percentage of its units (weights, rows, columns or blocks; blocks cut
/// by a ragged matrix edge hold fewer weights, so the fraction of weights may differ a little), <c>1 - keep / kernel
/// size</c> for <c>pattern</c>, <c>1 - n / m</c> for <c>n:m</c>, 0 for <c>none</c>.
/// </param>
public sealed record LayerPruning(string Layer, string Rule, double Sparsity);
