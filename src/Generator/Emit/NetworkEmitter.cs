using System.Linq;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// <c>network X</c> becomes a static class with the shapes of every layer as constants and a
    /// typed <c>Weights</c> container (see <see cref="WeightsEmitter"/>).
    /// </summary>
    internal static class NetworkEmitter
    {
        public static string Emit(NetworkModel network) => GeneratedFile.Write(network, w =>
        {
            var weighted = network.WeightedLayers.ToList();
            var norms = network.NormLayers.ToList();
            w.Summary($"network {network.Name} ({network.Origin}): input {network.Input}, output {network.Output},\n"
                      + $"{weighted.Count} weighted layers holding {Literal.Count(weighted.Sum(l => l.WeightCount))} weights and {Literal.Count(weighted.Sum(l => l.BiasCount))} biases"
                      + (norms.Count == 0 ? "." : $";\n{Literal.Plural(norms.Count, "batch norm")}: {norms.Count(n => n.FoldsInto >= 0)} folded into the conv or dense layer before them when mapped, "
                                                  + $"{norms.Count(n => n.FoldsInto < 0)} digital."));
            w.CodeRemarks(Listing(network));
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            using (w.Block($"public static partial class {Naming.EscapeIdentifier(network.Name)}"))
            {
                w.Line($"public const string Name = {Literal.Of(network.Name)};");
                w.Line();
                WriteInput(w, network);
                w.Line();
                w.Summary($"The network's output: {(network.Output.IsVector ? $"a vector of {network.Output.Length}" : network.Output.ToString())}.");
                using (w.Block("public static class Output"))
                {
                    w.Line($"public const int Length = {Literal.Of(network.Output.Length)};");
                }

                w.Line();
                w.Summary("Weighted layers (conv and dense), in order.");
                w.Line($"public const int WeightedLayerCount = {Literal.Of(weighted.Count)};");
                w.Line();
                w.Summary("The .xmap names of the weighted layers, in order.");
                var names = string.Join(", ", weighted.Select(l => Literal.Of(l.Name!)));
                w.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> WeightedLayerNames {{ get; }} = new string[] {{ {names} }};");
                w.Line();
                NetworkGraphEmitter.Write(w, network);
                foreach (var layer in weighted)
                {
                    w.Line();
                    WriteLayer(w, layer);
                }

                w.Line();
                WeightsEmitter.Write(w, network);
                if (network.Layers.Count > 0)
                {
                    // A network without layers computes nothing: it gets weights and shapes, no model.
                    w.Line();
                    NetworkModelEmitter.Write(w, network);
                }
            }
        });

        // The layers as written, one per line with its shapes; a block's layers indented under it, its shortcut's further.
        private static System.Collections.Generic.IEnumerable<string> Listing(NetworkModel network)
        {
            var index = 0;
            foreach (var block in network.Blocks)
            {
                for (; index < block.First; index++)
                {
                    yield return Row(network.Layers[index], string.Empty);
                }

                yield return Row($"residual {block.Name} {{", block.Line, block.Input, block.Output);
                for (; index < block.First + block.BodyCount; index++)
                {
                    yield return Row(network.Layers[index], "    ");
                }

                if (block.HasShortcut)
                {
                    yield return "    shortcut {";
                    for (; index < block.End; index++)
                    {
                        yield return Row(network.Layers[index], "        ");
                    }

                    yield return "    }";
                }

                yield return "}";
            }

            for (; index < network.Layers.Count; index++)
            {
                yield return Row(network.Layers[index], string.Empty);
            }
        }

        private static string Row(LayerModel layer, string indent) => Row(indent + layer.Source, layer.Line, layer.Input, layer.Output);

        private static string Row(string source, int line, ShapeModel input, ShapeModel output) => $"{source,-32} // line {line}: {input} -> {output}";

        private static void WriteInput(SourceWriter w, NetworkModel network)
        {
            var input = network.Input;
            w.Summary($"The network's input: {(input.IsVector ? $"a vector of {input.Length}" : $"{Literal.Plural(input.Channels, "channel")} of {input.Height} x {input.Width}")}.");
            using (w.Block("public static class Input"))
            {
                if (!input.IsVector)
                {
                    w.Line($"public const int Channels = {Literal.Of(input.Channels)};");
                    w.Line($"public const int Height = {Literal.Of(input.Height)};");
                    w.Line($"public const int Width = {Literal.Of(input.Width)};");
                }

                w.Line($"public const int Length = {Literal.Of(input.Length)};");
            }
        }

        private static void WriteLayer(SourceWriter w, LayerModel layer)
        {
            w.Summary($"{layer.Source} (line {layer.Line}): {layer.Input} -> {layer.Output};\n"
                      + $"crossbar matrix {layer.MatrixRows} rows (inputs) x {layer.MatrixColumns} columns (outputs); PyTorch weight {layer.TorchShape}.");
            using (w.Block($"public static class {layer.MemberName}"))
            {
                w.Line($"public const string Name = {Literal.Of(layer.Name!)};");
                if (layer.Kind == LayerKind.Conv)
                {
                    w.Line($"public const int InputChannels = {Literal.Of(layer.Input.Channels)};");
                    w.Line($"public const int InputHeight = {Literal.Of(layer.Input.Height)};");
                    w.Line($"public const int InputWidth = {Literal.Of(layer.Input.Width)};");
                    w.Line($"public const int OutputChannels = {Literal.Of(layer.Output.Channels)};");
                    w.Line($"public const int OutputHeight = {Literal.Of(layer.Output.Height)};");
                    w.Line($"public const int OutputWidth = {Literal.Of(layer.Output.Width)};");
                    w.Line($"public const int KernelHeight = {Literal.Of(layer.KernelHeight)};");
                    w.Line($"public const int KernelWidth = {Literal.Of(layer.KernelWidth)};");
                    w.Line($"public const int Stride = {Literal.Of(layer.Stride)};");
                    w.Line($"public const int Padding = {Literal.Of(layer.Padding)};");
                }
                else
                {
                    w.Line($"public const int InputLength = {Literal.Of(layer.Input.Length)};");
                    w.Line($"public const int OutputLength = {Literal.Of(layer.Output.Length)};");
                }

                w.Summary("Crossbar-matrix rows: one per input.");
                w.Line($"public const int MatrixRows = {Literal.Of(layer.MatrixRows)};");
                w.Summary("Crossbar-matrix columns: one per output.");
                w.Line($"public const int MatrixColumns = {Literal.Of(layer.MatrixColumns)};");
                w.Line($"public const int WeightCount = {Literal.Of(layer.WeightCount)};");
                w.Line($"public const int BiasCount = {Literal.Of(layer.BiasCount)};");
            }
        }
    }
}
