namespace MapDsl.Runtime.Tiles;

/// <summary>
/// One weighted layer of a mapping as the generated code describes it: the layer's .xmap name,
/// its tile plan and the pruning rule applied before mapping, in the words of the language
/// (<c>"blocks 8x8 50%"</c>, or <c>"none"</c>). Lets tools list a mapping's layers without reflection.
/// </summary>
/// <param name="Layer">The layer's name in the .xmap file, e.g. <c>c1</c>.</param>
/// <param name="Plan">How the layer's crossbar matrix is cut into tiles.</param>
/// <param name="Pruning">The pruning rule of the layer, or <c>none</c>.</param>
/// <param name="Sparsity">The fraction of the layer's weights the rule sets to zero (0 for <c>none</c>).</param>
public sealed record LayerPlan(string Layer, TilePlan Plan, string Pruning, double Sparsity = 0);
