using System.Collections.Generic;
using System.Linq;
using MapDsl.Generator.Common;
using MapDsl.Generator.Diagnostics;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>
    /// Binds a network: its input, every layer's shape in order (through residual blocks: body and shortcut both from
    /// the block's input, to one shared output), which batch norms fold into the layer before them, and unique layer
    /// names whose generated members do not collide.
    /// </summary>
    internal static class NetworkBinder
    {
        public static NetworkModel? Bind(NetworkSyntax syntax, string path, string ns, BindContext context)
        {
            var input = BindInput(syntax, path, context);
            var layersOk = CheckNames(syntax, path, context);
            if (input is null)
            {
                return null;
            }

            var layers = new Layers(new ShapeInference(context, path), context, path);
            if (layers.Sequence(syntax.Layers, input, block: null, inShortcut: false) is null)
            {
                // Later shapes depend on the first that failed: checking them would only repeat the error.
                return null;
            }

            return layersOk
                ? new NetworkModel(ns, syntax.Name.Text, new Origin(TargetBinder.FileName(path), syntax.Name.Span.Line), input, layers.Flat.ToEquatableArray())
                {
                    Blocks = layers.Blocks.ToEquatableArray(),
                }
                : null;
        }

        private static ShapeModel? BindInput(NetworkSyntax syntax, string path, BindContext context)
        {
            if (syntax.Input is null)
            {
                context.Report(DiagnosticCatalog.InvalidLayerShape, path, syntax.Name.Span, $"network '{syntax.Name.Text}' needs an 'input' statement (C x H x W, or a length)");
                return null;
            }

            var numbers = new NumberRules(context, path);
            var dims = syntax.Input.Dimensions;
            if (dims.Count is not (1 or 3))
            {
                var hint = dims.Count == 2 ? "; write 1 x H x W for one channel" : string.Empty;
                context.Report(DiagnosticCatalog.InvalidLayerShape, path, syntax.Input.Span, $"an input is C x H x W or a single length, not {dims.Count} dimensions{hint}");
                return null;
            }

            var values = new int?[dims.Count];
            for (var i = 0; i < dims.Count; i++)
            {
                values[i] = numbers.Whole(dims[i], "input size");
            }

            if (System.Array.Exists(values, v => v is null))
            {
                return null;
            }

            if ((long)values[0]!.Value * (dims.Count == 3 ? (long)values[1]!.Value * values[2]!.Value : 1) > NumberRules.MaxWhole)
            {
                context.Report(DiagnosticCatalog.InvalidNumber, path, syntax.Input.Span, "the input is too large");
                return null;
            }

            return dims.Count == 1
                ? ShapeModel.Vector(values[0]!.Value)
                : ShapeModel.Image(values[0]!.Value, values[1]!.Value, values[2]!.Value);
        }

        // Top-level layers and blocks share one set of names; a block's layers are unique within the block and are
        // qualified by its name (`r2.a`). Every layer's generated members (see GeneratedNames) must be distinct and free.
        private static bool CheckNames(NetworkSyntax syntax, string path, BindContext context)
        {
            var ok = true;
            var owners = new Dictionary<string, string>();
            var topLevel = new Dictionary<string, LayerSyntax>();
            var hasNorms = syntax.Layers.Any(l => l.Kind == LayerKind.BatchNorm || l.Body.Concat(l.Shortcut).Any(b => b.Kind == LayerKind.BatchNorm));
            foreach (var layer in syntax.Layers)
            {
                if (layer.Name is not { } name)
                {
                    continue;
                }

                if (topLevel.TryGetValue(name.Text, out var first) && (first.Kind == LayerKind.Residual || layer.Kind == LayerKind.Residual))
                {
                    var message = first.Kind == layer.Kind
                        ? $"residual '{name.Text}' is declared twice in network '{syntax.Name.Text}'"
                        : $"'{name.Text}' names both a residual block and a layer of network '{syntax.Name.Text}' (line {first.Span.Line}); blocks and top-level layers share their names";
                    context.Report(DiagnosticCatalog.DuplicateName, path, name.Span, message);
                    ok = false;
                    continue;
                }

                topLevel[name.Text] = layer;
                if (layer.Kind != LayerKind.Residual)
                {
                    ok &= Claim(name.Text, name.Span, layer.Kind);
                    continue;
                }

                var local = new HashSet<string>();
                foreach (var inner in layer.Body.Concat(layer.Shortcut))
                {
                    if (inner.Name is not { } innerName)
                    {
                        continue;
                    }

                    if (!local.Add(innerName.Text))
                    {
                        context.Report(DiagnosticCatalog.DuplicateName, path, innerName.Span, $"layer '{innerName.Text}' is declared twice in residual '{name.Text}'");
                        ok = false;
                        continue;
                    }

                    ok &= Claim($"{name.Text}.{innerName.Text}", innerName.Span, inner.Kind);
                }
            }

            return ok;

            bool Claim(string layer, SourceSpan span, LayerKind kind)
            {
                var member = Naming.ToMember(layer);
                var members = GeneratedNames.ForLayer(member, kind).ToList();
                var clash = members.Select(m => owners.TryGetValue(m, out var owner) ? (Member: m, Owner: owner) : default).FirstOrDefault(c => c.Owner is not null);
                if (clash.Owner is not null)
                {
                    var message = clash.Owner == layer
                        ? $"layer '{layer}' is declared twice in network '{syntax.Name.Text}'"
                        : $"layer '{layer}' and layer '{clash.Owner}' would both generate the member '{clash.Member}'";
                    context.Report(DiagnosticCatalog.DuplicateName, path, span, message);
                    return false;
                }

                // A batch norm has no member in the network's class (only in Weights), so it may be named like the network.
                var isNetworkMember = kind != LayerKind.BatchNorm;
                if (members.FirstOrDefault(m => GeneratedNames.Reserved.Contains(m) || (isNetworkMember && m == syntax.Name.Text) || (hasNorms && GeneratedNames.NormMembers.Contains(m))) is { } taken)
                {
                    context.Report(DiagnosticCatalog.DuplicateName, path, span, $"layer '{layer}' would generate the member '{taken}', which the generated code already uses; rename the layer");
                    return false;
                }

                foreach (var generated in members)
                {
                    owners[generated] = layer;
                }

                return true;
            }
        }

        /// <summary>
        /// Binds layer sequences into the network's flat layer list: the top level, and each block's body then shortcut,
        /// numbering weighted layers and batch norms in that order.
        /// </summary>
        private sealed class Layers
        {
            private readonly ShapeInference _inference;
            private readonly BindContext _context;
            private readonly string _path;
            private int _weighted;
            private int _norms;

            public Layers(ShapeInference inference, BindContext context, string path)
            {
                _inference = inference;
                _context = context;
                _path = path;
            }

            public List<LayerModel> Flat { get; } = new();

            public List<BlockModel> Blocks { get; } = new();

            /// <summary>Binds a sequence from <paramref name="shape"/>; its output, or null after the first layer that fails (reported).</summary>
            public ShapeModel? Sequence(IEnumerable<LayerSyntax> layers, ShapeModel shape, string? block, bool inShortcut)
            {
                LayerModel? previous = null;
                foreach (var layer in layers)
                {
                    if (layer.Kind == LayerKind.Residual)
                    {
                        var output = Block(layer, shape);
                        if (output is null)
                        {
                            return null;
                        }

                        shape = output;
                        previous = null; // what follows a block follows an addition: nothing to fold into
                        continue;
                    }

                    var bound = _inference.Infer(layer, shape, block);
                    if (bound is null)
                    {
                        return null;
                    }

                    bound = bound with { Block = block, InShortcut = inShortcut };
                    if (bound.Kind == LayerKind.BatchNorm)
                    {
                        // Directly after a conv or dense of the same sequence, mapping folds it into that layer.
                        bound = bound with { NormIndex = _norms++, FoldsInto = previous is { IsWeighted: true } ? _weighted - 1 : -1 };
                    }
                    else if (bound.IsWeighted)
                    {
                        _weighted++;
                    }

                    Flat.Add(bound);
                    previous = bound;
                    shape = bound.Output;
                }

                return shape;
            }

            private ShapeModel? Block(LayerSyntax block, ShapeModel input)
            {
                var name = block.Name!.Text;
                var first = Flat.Count;
                var body = Sequence(block.Body, input, name, inShortcut: false);
                var bodyCount = Flat.Count - first;
                // The shortcut does not depend on the body: check it even when the body failed.
                var shortcut = Sequence(block.Shortcut, input, name, inShortcut: true);
                if (body is null || shortcut is null)
                {
                    return null;
                }

                if (block.Body.IsEmpty)
                {
                    Report(block, $"residual '{name}' has an empty body; a block adds its body's output to its shortcut's, so the body needs at least one layer");
                    return null;
                }

                if (body != shortcut)
                {
                    Report(block, block.Shortcut.IsEmpty
                        ? $"residual '{name}': the body gives {ShapeInference.Describe(body)} but the identity shortcut gives {ShapeInference.Describe(shortcut)}; "
                          + $"add a shortcut {{ ... }} that gives {ShapeInference.Describe(body)}"
                        : $"residual '{name}': the body gives {ShapeInference.Describe(body)} but the shortcut gives {ShapeInference.Describe(shortcut)}");
                    return null;
                }

                Blocks.Add(new BlockModel(name, block.Span.Line, input, body, first, bodyCount, Flat.Count - first - bodyCount, block.HasShortcut));
                return body;
            }

            private void Report(LayerSyntax block, string message) =>
                _context.Report(DiagnosticCatalog.InvalidLayerShape, _path, block.Span, message);
        }
    }
}
