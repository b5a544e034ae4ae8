using System.Globalization;
using System.Linq;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// <c>pruning X for N</c> becomes a static class with, per weighted layer, a keep-mask method and
    /// a prune method that call the runtime's selection with the rule's constants.
    /// </summary>
    internal static class PruningEmitter
    {
        private const string Pruner = "global::MapDsl.Runtime.Pruning.Pruner";

        public static string Emit(PruningModel pruning) => GeneratedFile.Write(pruning, w =>
        {
            var weights = $"{pruning.Network.GlobalName}.Weights";
            w.Summary($"pruning {pruning.Name} for {pruning.Network.Name} ({pruning.Origin}): which weights are set to zero, per layer.");
            w.CodeRemarks(pruning.Layers.Select(layer => $"{layer.Layer.Name,-6} {Describe(layer)}"));
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            using (w.Block($"public sealed partial class {Naming.EscapeIdentifier(pruning.Name)} : {PruningContractEmitter.Interface(pruning)}"))
            {
                w.Line($"public const string Name = {Literal.Of(pruning.Name)};");
                w.Line();
                w.Summary(pruning.Network.HasNorms
                    ? "A pruned copy of the weights (biases are never pruned). A mapping folds the batch norms into their layers first and prunes\n"
                      + "the folded weights: Apply(BatchNormFolding.Folded(weights)) is what it programs."
                    : "A pruned copy of the weights (biases are never pruned).");
                using (w.Block($"public static {weights} Apply({weights} weights)"))
                {
                    w.Line("global::System.ArgumentNullException.ThrowIfNull(weights);");
                    w.Line("var pruned = weights.Clone();");
                    w.Line("ApplyInPlace(pruned);");
                    w.Line("return pruned;");
                }

                w.Line();
                w.Summary("Prunes the weights in place.");
                using (w.Block($"public static void ApplyInPlace({weights} weights)"))
                {
                    w.Line("global::System.ArgumentNullException.ThrowIfNull(weights);");
                    foreach (var layer in pruning.Layers)
                    {
                        w.Line($"Prune{layer.Layer.MemberName}(weights.{layer.Layer.MemberName});");
                    }
                }

                foreach (var layer in pruning.Layers)
                {
                    w.Line();
                    WriteLayer(w, pruning, layer);
                }

                w.Line();
                PruningContractEmitter.Write(w, pruning);
            }
        });

        private static void WriteLayer(SourceWriter w, PruningModel pruning, LayerPruningModel layer)
        {
            var member = layer.Layer.MemberName;
            var constants = $"{pruning.Network.GlobalName}.{member}";
            w.Summary($"{layer.Layer.Name}: {Describe(layer)} (line {layer.Line}). True where a weight is kept.");
            using (w.Block($"public static bool[] Keep{member}(global::System.ReadOnlySpan<float> weights)"))
            {
                w.Line($"if (weights.Length != {constants}.WeightCount) throw new global::System.ArgumentException($\"Layer '{layer.Layer.Name}' has {{({constants}.WeightCount)}} weights, got {{weights.Length}}.\", \"weights\");");
                w.Line("return " + Selection(layer, constants) + ";");
            }

            w.Line();
            w.Summary($"Zeroes the weights of {layer.Layer.Name} that {pruning.Name} prunes.");
            w.Line($"public static void Prune{member}(global::System.Span<float> weights) => {Pruner}.Apply(weights, Keep{member}(weights));");
        }

        private static string Selection(LayerPruningModel layer, string constants)
        {
            var s = Literal.Of(layer.Sparsity);
            var rows = $"{constants}.MatrixRows";
            var columns = $"{constants}.MatrixColumns";
            return layer.Kind switch
            {
                PruningKind.Unstructured => $"{Pruner}.Unstructured(weights, {s})",
                PruningKind.Rows => $"{Pruner}.Rows(weights, {rows}, {columns}, {s})",
                PruningKind.Columns => $"{Pruner}.Columns(weights, {rows}, {columns}, {s})",
                PruningKind.Blocks => $"{Pruner}.Blocks(weights, {rows}, {columns}, {Literal.Of(layer.BlockRows)}, {Literal.Of(layer.BlockColumns)}, {s})",
                PruningKind.Pattern => $"{Pruner}.Pattern(weights, {constants}.OutputChannels, {constants}.InputChannels, {constants}.KernelHeight, {constants}.KernelWidth, {Literal.Of(layer.Keep)})",
                PruningKind.NOfM => $"{Pruner}.NOfM(weights, {rows}, {columns}, {Literal.Of(layer.Keep)}, {Literal.Of(layer.Group)})",
                _ => "global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Repeat(true, weights.Length))",
            };
        }

        /// <summary>The rule in the words of the language: <c>blocks 8x8 50%</c>.</summary>
        public static string Short(LayerPruningModel layer) => layer.Kind switch
        {
            PruningKind.None => "none",
            PruningKind.Unstructured => $"unstructured {Literal.Percent(layer.Sparsity)}",
            PruningKind.Rows => $"rows {Literal.Percent(layer.Sparsity)}",
            PruningKind.Columns => $"columns {Literal.Percent(layer.Sparsity)}",
            PruningKind.Blocks => $"blocks {layer.BlockRows}x{layer.BlockColumns} {Literal.Percent(layer.Sparsity)}",
            PruningKind.Pattern => $"pattern {layer.Keep} of {layer.BlockRows}x{layer.BlockColumns}",
            _ => $"n:m {layer.Keep}:{layer.Group}",
        };

        /// <summary>The rule with what it does and where it was written.</summary>
        public static string Describe(LayerPruningModel layer) => layer.Kind switch
        {
            PruningKind.None => layer.Source.Contains(":") ? $"none (rule '{layer.Source}')" : layer.Source,
            PruningKind.Unstructured => $"unstructured {Literal.Percent(layer.Sparsity)}: the smallest-magnitude weights (rule '{layer.Source}')",
            PruningKind.Rows => $"rows {Literal.Percent(layer.Sparsity)}: whole crossbar rows (inputs) of smallest norm (rule '{layer.Source}')",
            PruningKind.Columns => $"columns {Literal.Percent(layer.Sparsity)}: whole crossbar columns (outputs) of smallest norm (rule '{layer.Source}')",
            PruningKind.Blocks => $"blocks {layer.BlockRows}x{layer.BlockColumns} {Literal.Percent(layer.Sparsity)}: tile-aligned blocks of smallest norm (rule '{layer.Source}')",
            PruningKind.Pattern => $"pattern {layer.Keep.ToString(CultureInfo.InvariantCulture)} of {layer.BlockRows}x{layer.BlockColumns}: each kernel keeps one of the layer's 8 most common top-magnitude patterns (rule '{layer.Source}')",
            _ => $"n:m {layer.Keep}:{layer.Group}: the {layer.Keep} largest of every {layer.Group} consecutive inputs (rule '{layer.Source}')",
        };
    }
}
