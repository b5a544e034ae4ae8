using System.Linq;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// The network's layer sequence as a runtime <c>NetworkGraph</c> value: one step per layer with its shapes. It is
    /// the network's only computation: the generated <c>Model</c> (<see cref="NetworkModelEmitter"/>) runs it forward
    /// and backward, and generic code (an incremental fault evaluator) runs any suffix of it.
    /// </summary>
    internal static class NetworkGraphEmitter
    {
        private const string Graph = "global::MapDsl.Runtime.Engine.Graph";

        public static void Write(SourceWriter w, NetworkModel network)
        {
            var input = network.Input;
            w.Summary("The layer sequence as data: input shape and one step per layer, with the shapes Model.Forward passes to the\n"
                      + "runtime layers. NetworkGraph.Run makes the same calls, so it gives the same logits.");
            w.Line($"public static {Graph}.NetworkGraph Graph {{ get; }} =");
            using (w.Indent())
            using (w.Block($"new {Graph}.NetworkGraph({Literal.Of(input.Channels)}, {Literal.Of(input.Height)}, {Literal.Of(input.Width)}, new {Graph}.GraphStep[]", closing: "});"))
            {
                var weighted = 0;
                foreach (var layer in network.Layers)
                {
                    w.Line(Step(layer, layer.IsWeighted ? weighted++ : -1) + $", // line {layer.Line}: {layer.Source}");
                }
            }
        }

        private static string Step(LayerModel layer, int weightedIndex) => layer.Kind switch
        {
            LayerKind.Conv => New("Conv2dStep", Literal.Of(layer.Name!), weightedIndex, layer.Input.Channels, layer.Input.Height, layer.Input.Width,
                layer.Output.Channels, layer.KernelHeight, layer.KernelWidth, layer.Stride, layer.Padding),
            LayerKind.Dense => New("DenseStep", Literal.Of(layer.Name!), weightedIndex, layer.Input.Length, layer.Output.Length),
            LayerKind.Relu => New("ReluStep", null, layer.Input.Length),
            LayerKind.MaxPool => New("MaxPool2dStep", null, PoolArgs(layer)),
            LayerKind.AvgPool => New("AvgPool2dStep", null, PoolArgs(layer)),
            _ => New("FlattenStep", null, layer.Input.Length),
        };

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
