using System.Collections.Generic;
using System.Linq;
using MapDsl.Generator.Common;
using MapDsl.Generator.Diagnostics;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>
    /// Binds a network: its input, every layer's shape in order, and unique layer names whose
    /// generated members do not collide.
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

            var inference = new ShapeInference(context, path);
            var layers = new List<LayerModel>();
            var shape = input;
            foreach (var layer in syntax.Layers)
            {
                var bound = inference.Infer(layer, shape);
                if (bound is null)
                {
                    // Later shapes depend on this one: checking them would only repeat the error.
                    return null;
                }

                layers.Add(bound);
                shape = bound.Output;
            }

            return layersOk
                ? new NetworkModel(ns, syntax.Name.Text, new Origin(TargetBinder.FileName(path), syntax.Name.Span.Line), input, layers.ToEquatableArray())
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

        private static bool CheckNames(NetworkSyntax syntax, string path, BindContext context)
        {
            var ok = true;
            var owners = new Dictionary<string, string>();
            foreach (var layer in syntax.Layers)
            {
                if (layer.Name is not { } name)
                {
                    continue;
                }

                var member = Naming.ToPascal(name.Text);
                var clash = GeneratedNames.ForLayer(member).Select(m => owners.TryGetValue(m, out var owner) ? (Member: m, Owner: owner) : default).FirstOrDefault(c => c.Owner is not null);
                if (clash.Owner is not null)
                {
                    var message = clash.Owner == name.Text
                        ? $"layer '{name.Text}' is declared twice in network '{syntax.Name.Text}'"
                        : $"layer '{name.Text}' and layer '{clash.Owner}' would both generate the member '{clash.Member}'";
                    context.Report(DiagnosticCatalog.DuplicateName, path, name.Span, message);
                    ok = false;
                }
                else if (GeneratedNames.ForLayer(member).FirstOrDefault(m => GeneratedNames.Reserved.Contains(m) || m == syntax.Name.Text) is { } taken)
                {
                    context.Report(DiagnosticCatalog.DuplicateName, path, name.Span, $"layer '{name.Text}' would generate the member '{taken}', which the generated code already uses; rename the layer");
                    ok = false;
                }
                else
                {
                    foreach (var generated in GeneratedNames.ForLayer(member))
                    {
                        owners[generated] = name.Text;
                    }
                }
            }

            return ok;
        }
    }
}
