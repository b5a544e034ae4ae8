using System.Collections.Generic;
using System.Linq;
using MapDsl.Generator.Common;
using MapDsl.Generator.Diagnostics;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>
    /// Binds a pruning declaration against its (already bound) network: each rule names a weighted
    /// layer or is the <c>*</c> default, its numbers are in range, and a kernel pattern fits its conv.
    /// Block alignment with tiles depends on the mapping and is checked by <see cref="MappingBinder"/>.
    /// </summary>
    internal static class PruningBinder
    {
        public static PruningModel? Bind(PruningSyntax syntax, string path, string ns, NetworkModel? network, BindContext context)
        {
            var numbers = new NumberRules(context, path);
            var rules = new Dictionary<string, PruningRuleSyntax>();
            var ok = true;
            foreach (var rule in syntax.Rules)
            {
                if (rules.ContainsKey(rule.Layer.Text))
                {
                    var what = rule.IsDefault ? "the default rule '*'" : $"layer '{rule.Layer.Text}'";
                    context.Report(DiagnosticCatalog.DuplicateName, path, rule.Layer.Span, $"pruning '{syntax.Name.Text}' has two rules for {what}");
                    ok = false;
                    continue;
                }

                rules.Add(rule.Layer.Text, rule);
            }

            var resolved = new List<LayerPruningModel>();
            foreach (var rule in rules.Values)
            {
                if (network is not null && !rule.IsDefault && Unprunable(network, rule.Layer.Text) is { } problem)
                {
                    context.Report(DiagnosticCatalog.UndeclaredReference, path, rule.Layer.Span, problem.Message, problem.Fixes);
                    ok = false;
                }

                ok &= CheckNumbers(rule, numbers);
            }

            if (network is null || !ok)
            {
                return null;
            }

            rules.TryGetValue("*", out var fallback);
            foreach (var layer in network.WeightedLayers)
            {
                var rule = rules.TryGetValue(layer.Name!, out var own) ? own : fallback;
                var model = rule is null
                    ? new LayerPruningModel(layer, PruningKind.None, 0, 0, 0, 0, 0, "none (no rule)", syntax.Name.Span.Line)
                    : Resolve(rule, layer, path, context);
                if (model is null)
                {
                    ok = false;
                    continue;
                }

                resolved.Add(model);
            }

            return ok
                ? new PruningModel(ns, syntax.Name.Text, new Origin(TargetBinder.FileName(path), syntax.Name.Span.Line), network, resolved.ToEquatableArray())
                : null;
        }

        /// <summary>
        /// Why a rule cannot name this layer (XMAP0003), with the layer names that would fix it, or null when it is a
        /// weighted layer of the network.
        /// </summary>
        private static (string Message, IReadOnlyList<string>? Fixes)? Unprunable(NetworkModel network, string name)
        {
            var layer = network.Layers.FirstOrDefault(l => l.Name == name);
            if (layer is { IsWeighted: true })
            {
                return null;
            }

            if (layer is not null)
            {
                // Only conv and dense layers are named besides batch norms.
                return ($"layer '{name}' of network '{network.Name}' is a batchnorm: it has no weights to prune (rules name conv and dense layers)", null);
            }

            var weighted = network.WeightedLayers.Select(l => l.Name!).ToList();
            if (network.Blocks.Any(b => b.Name == name))
            {
                var inside = weighted.Where(n => n.StartsWith(name + ".", System.StringComparison.Ordinal)).Select(n => $"'{n}'").ToList();
                return ($"'{name}' is a residual block of network '{network.Name}': a rule names one of its layers"
                        + (inside.Count == 0 ? " (it has no conv or dense layer)" : $" ({string.Join(", ", inside)})"), null);
            }

            var closest = Suggestions.Closest(name, weighted);
            return ($"network '{network.Name}' has no layer '{name}'" + Suggestions.DidYouMean(closest), closest);
        }

        private static bool CheckNumbers(PruningRuleSyntax rule, NumberRules numbers)
        {
            var ok = true;
            if (rule.Sparsity is not null)
            {
                ok &= numbers.Fraction(rule.Sparsity, "sparsity", allowOne: false) is not null;
            }

            if (rule.Block is not null)
            {
                ok &= rule.Block.IsWindow
                    ? rule.Block.Dimensions.All(d => numbers.Whole(d, rule.Kind == PruningKind.Blocks ? "block size" : "pattern size") is not null)
                    : Report(numbers, rule.Block.Span, "a block or pattern is ROWS x COLUMNS, or one number for a square");
            }

            if (rule.Keep is not null)
            {
                var n = numbers.Whole(rule.Keep, rule.Kind == PruningKind.NOfM ? "N" : "the kept count");
                var m = rule.Group is null ? null : numbers.Whole(rule.Group, "M");
                ok &= n is not null && (rule.Group is null || m is not null);
                if (n is not null && m is not null && n > m)
                {
                    ok = Report(numbers, rule.Keep.Span, $"n:m keeps N of every M, so N ({n}) must not exceed M ({m})");
                }
            }

            return ok;
        }

        private static LayerPruningModel? Resolve(PruningRuleSyntax rule, LayerModel layer, string path, BindContext context)
        {
            var sparsity = rule.Sparsity?.Value ?? 0;
            var blockRows = rule.Block is null ? 0 : (int)rule.Block.Height.Value;
            var blockColumns = rule.Block is null ? 0 : (int)rule.Block.Width.Value;
            var keep = rule.Keep is null ? 0 : (int)rule.Keep.Value;
            var group = rule.Group is null ? 0 : (int)rule.Group.Value;
            if (rule.Kind == PruningKind.Pattern)
            {
                // A kernel pattern only makes sense on the kernel it was drawn for.
                string? problem = layer.Kind != LayerKind.Conv
                    ? $"pattern pruning needs a conv layer, but '{layer.Name}' is dense"
                    : blockRows != layer.KernelHeight || blockColumns != layer.KernelWidth
                        ? $"pattern {blockRows}x{blockColumns} does not fit the {layer.KernelHeight}x{layer.KernelWidth} kernel of conv '{layer.Name}'"
                        : keep > blockRows * blockColumns
                            ? $"a {blockRows}x{blockColumns} pattern cannot keep {keep} entries"
                            : null;
                if (problem is not null)
                {
                    context.Report(DiagnosticCatalog.InvalidTileShape, path, rule.Span, problem);
                    return null;
                }
            }

            return new LayerPruningModel(layer, rule.Kind, sparsity, blockRows, blockColumns, keep, group, rule.Source, rule.Span.Line);
        }

        private static bool Report(NumberRules numbers, SourceSpan span, string message)
        {
            numbers.Invalid(span, message);
            return false;
        }
    }
}
