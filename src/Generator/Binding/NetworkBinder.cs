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
        /// <summary>
        /// Members every generated network or mapping type has; a layer may not be named so that
        /// its PascalCased member would clash with one.
        /// </summary>
        public static readonly HashSet<string> ReservedMembers = new()
        {
            "Name", "Input", "Output", "Weights", "WeightedLayerNames", "WeightedLayerCount", "State",
            "Map", "ReadBack", "Network", "Target", "Scheme", "Layers", "Spec", "Apply", "Source",
        };

        public static NetworkModel? Bind(NetworkSyntax syntax, string path, string ns, BindContext context)
        {
            var input = BindInput(syntax, path, context);
            var layersOk = CheckNames(syntax, path, context) & CheckTypeName(syntax.Name, "network", NestedTypes, path, context);
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
            if (dims.Count == 2)
            {
                context.Report(DiagnosticCatalog.InvalidLayerShape, path, syntax.Input.Span, "an input is C x H x W or a single length; write 1 x H x W for one channel");
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

        /// <summary>Nested types of a generated network type, which the type itself may not be named.</summary>
        private static readonly string[] NestedTypes = { "Weights", "Input", "Output" };

        /// <summary>
        /// A generated type cannot be named like one of its nested types (C# error CS0542), so such a
        /// declaration name is reported as a clash of names.
        /// </summary>
        internal static bool CheckTypeName(Identifier name, string kind, IEnumerable<string> nested, string path, BindContext context)
        {
            if (!nested.Contains(name.Text))
            {
                return true;
            }

            context.Report(DiagnosticCatalog.DuplicateName, path, name.Span, $"{kind} '{name.Text}' has the name of a member its generated type needs; rename it");
            return false;
        }

        /// <summary>
        /// The members the generated types make for one layer: its constants class and weight
        /// arrays (network), its state and per-layer methods (mapping), its keep/prune methods
        /// (pruning). Two layers must not share any of them.
        /// </summary>
        internal static IEnumerable<string> GeneratedMembers(string member) => new[]
        {
            member, member + "Bias", member + "MaxWeight", "Map" + member, "ReadBack" + member, "Keep" + member, "Prune" + member,
        };

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
                var clash = GeneratedMembers(member).Select(m => owners.TryGetValue(m, out var owner) ? (Member: m, Owner: owner) : default).FirstOrDefault(c => c.Owner is not null);
                if (clash.Owner is not null)
                {
                    var message = clash.Owner == name.Text
                        ? $"layer '{name.Text}' is declared twice in network '{syntax.Name.Text}'"
                        : $"layer '{name.Text}' and layer '{clash.Owner}' would both generate the member '{clash.Member}'";
                    context.Report(DiagnosticCatalog.DuplicateName, path, name.Span, message);
                    ok = false;
                }
                else if (ReservedMembers.Contains(member) || member == syntax.Name.Text)
                {
                    context.Report(DiagnosticCatalog.DuplicateName, path, name.Span, $"layer '{name.Text}' would generate the member '{member}', which the generated type '{syntax.Name.Text}' already has; rename the layer");
                    ok = false;
                }
                else
                {
                    foreach (var generated in GeneratedMembers(member))
                    {
                        owners[generated] = name.Text;
                    }
                }
            }

            return ok;
        }
    }
}
