using System.Collections.Generic;
using System.Linq;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// The network's layer sequence as a runtime <c>NetworkGraph</c> value: one step per layer with its shapes, and a
    /// <c>ResidualBlock</c> (body steps, shortcut steps) per block. It is the network's only computation: the generated
    /// <c>Model</c> (<see cref="NetworkModelEmitter"/>) runs it forward and backward, and generic code (an incremental
    /// fault evaluator) runs any suffix of it.
    /// </summary>
    internal static class NetworkGraphEmitter
    {
        private const string Graph = "global::MapDsl.Runtime.Engine.Graph";

        public static void Write(SourceWriter w, NetworkModel network)
        {
            var input = network.Input;
            w.Summary("The layer sequence as data: input shape and one step per layer, with the shapes Model.Forward passes to the\n"
                      + "runtime layers. NetworkGraph.Run makes the same calls, so it gives the same logits."
                      + (network.Blocks.IsEmpty ? string.Empty : "\nA residual block adds its shortcut's output (the block's input when it has none) to its body's."));
            w.Line($"public static {Graph}.NetworkGraph Graph {{ get; }} =");
            using (w.Indent())
            {
                // A version 1 network lists steps only, as it always did; blocks need the common base, GraphNode.
                var nodes = network.Blocks.IsEmpty ? "GraphStep" : "GraphNode";
                using (w.Block($"new {Graph}.NetworkGraph({Literal.Of(input.Channels)}, {Literal.Of(input.Height)}, {Literal.Of(input.Width)}, new {Graph}.{nodes}[]", closing: "});"))
                {
                    var weighted = 0;
                    var index = 0;
                    foreach (var block in network.Blocks)
                    {
                        for (; index < block.First; index++)
                        {
                            WriteStep(w, network.Layers[index], ref weighted);
                        }

                        WriteBlock(w, network, block, ref weighted);
                        index = block.End;
                    }

                    for (; index < network.Layers.Count; index++)
                    {
                        WriteStep(w, network.Layers[index], ref weighted);
                    }
                }
            }
        }

        private static void WriteBlock(SourceWriter w, NetworkModel network, BlockModel block, ref int weighted)
        {
            var sum = block.ShortcutCount > 0 ? "body(x) + shortcut(x)" : block.HasShortcut ? "body(x) + x (the shortcut is empty)" : "body(x) + x (no shortcut)";
            w.Line($"new {Graph}.ResidualBlock(");
            using (w.Indent())
            {
                w.Line($"{Literal.Of(block.Name)}, // line {block.Line}: residual {block.Name}, {block.Input} -> {block.Output} = {sum}");
                WriteSteps(w, "body: ", network.Layers.Skip(block.First).Take(block.BodyCount), ",", ref weighted);
                WriteSteps(w, "shortcut: ", network.Layers.Skip(block.First + block.BodyCount).Take(block.ShortcutCount), "),", ref weighted);
            }
        }

        private static void WriteSteps(SourceWriter w, string argument, IEnumerable<LayerModel> layers, string end, ref int weighted)
        {
            var list = layers.ToList();
            if (list.Count == 0)
            {
                w.Line($"{argument}global::System.Array.Empty<{Graph}.GraphStep>(){end}");
                return;
            }

            using (w.Block($"{argument}new {Graph}.GraphStep[]", closing: "}" + end))
            {
                foreach (var layer in list)
                {
                    WriteStep(w, layer, ref weighted);
                }
            }
        }

        private static void WriteStep(SourceWriter w, LayerModel layer, ref int weighted)
        {
            var step = Step(layer, layer.IsWeighted ? weighted++ : -1) + ",";
            var comment = $"// line {layer.Line}: {layer.Source}" + Note(layer);
            if (w.Indentation + step.Length + 1 + comment.Length <= SourceWriter.MaxLineLength)
            {
                w.Line($"{step} {comment}");
            }
            else
            {
                w.Line(comment);
                w.Line(step);
            }
        }

        private static string Note(LayerModel layer) => layer.Kind == LayerKind.BatchNorm
            ? layer.FoldsInto >= 0 ? $" (folds into weighted layer {layer.FoldsInto} when mapped)" : " (digital)"
            : string.Empty;

        private static string Step(LayerModel layer, int weightedIndex) => layer.Kind switch
        {
            LayerKind.Conv => New("Conv2dStep", Literal.Of(layer.Name!), weightedIndex, layer.Input.Channels, layer.Input.Height, layer.Input.Width,
                layer.Output.Channels, layer.KernelHeight, layer.KernelWidth, layer.Stride, layer.Padding),
            LayerKind.Dense => New("DenseStep", Literal.Of(layer.Name!), weightedIndex, layer.Input.Length, layer.Output.Length),
            LayerKind.Relu => New("ReluStep", null, layer.Input.Length),
            LayerKind.MaxPool => New("MaxPool2dStep", null, PoolArgs(layer)),
            LayerKind.AvgPool => New("AvgPool2dStep", null, PoolArgs(layer)),
            // channels, plane (H * W of the input; 1 for a vector), and the weighted index it folds into (-1: none)
            LayerKind.BatchNorm => New("BatchNormStep", Literal.Of(layer.Name!), layer.NormIndex, Channels(layer.Input), Plane(layer.Input), layer.FoldsInto),
            LayerKind.GlobalAvgPool => New("GlobalAvgPoolStep", null, layer.Input.Channels, layer.Input.Height, layer.Input.Width),
            LayerKind.Dropout => $"new {Graph}.DropoutStep({Literal.Of(layer.Input.Length)}, {Literal.OfFloat(layer.Rate)})",
            _ => New("FlattenStep", null, layer.Input.Length),
        };

        private static int Channels(ShapeModel shape) => shape.IsVector ? shape.Length : shape.Channels;

        private static int Plane(ShapeModel shape) => shape.IsVector ? 1 : shape.Height * shape.Width;

        // channels, inHeight, inWidth, windowHeight, windowWidth, strideHeight, strideWidth (as the model's pool calls)
        private static int[] PoolArgs(LayerModel pool) =>
            new[] { pool.Input.Channels, pool.Input.Height, pool.Input.Width, pool.KernelHeight, pool.KernelWidth, pool.Stride, pool.StrideWidth };

        private static string New(string type, string? name, params int[] values)
        {
            var arguments = values.Select(Literal.Of);
            return $"new {Graph}.{type}({string.Join(", ", name is null ? arguments : new[] { name }.Concat(arguments))})";
        }
    }
}
