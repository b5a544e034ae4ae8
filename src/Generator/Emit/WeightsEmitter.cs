using System.Linq;
using MapDsl.Generator.Model;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// The typed weight container of a network: one array per weighted layer (and one per bias),
    /// sized by constants, in PyTorch layout so imported weights need no reshuffling.
    /// </summary>
    internal static class WeightsEmitter
    {
        public static void Write(SourceWriter w, NetworkModel network)
        {
            var layers = network.WeightedLayers.ToList();
            var self = $"{network.GlobalName}.Weights";
            w.Summary($"The weights and biases of {network.Name}: one array per weighted layer, in PyTorch layout\n"
                      + "(conv [out, in, kh, kw], dense [out, in]), so crossbar-matrix element (row r, column c) is at c * MatrixRows + r.");
            using (w.Block($"public sealed class Weights : {NetworkContractEmitter.WeightsInterface(network)}"))
            {
                if (layers.Count == 0)
                {
                    // A network without conv or dense layers has nothing to hold.
                    w.Summary("No weights: the network has no weighted layer.");
                    w.Line("public Weights()");
                    using (w.Block())
                    {
                    }
                }
                else
                {
                    WriteConstructors(w, network, layers);
                }

                foreach (var layer in layers)
                {
                    w.Line();
                    w.Summary($"Weights of {layer.Name} ({layer.Source}, line {layer.Line}): {layer.TorchShape}, {Literal.Count(layer.WeightCount)} values.");
                    w.Line($"public float[] {layer.MemberName} {{ get; }}");
                    w.Line();
                    w.Summary($"Biases of {layer.Name}: {Literal.Count(layer.BiasCount)} values, added after the array (digital).");
                    w.Line($"public float[] {layer.MemberName}Bias {{ get; }}");
                }

                w.Line();
                w.Summary("A deep copy.");
                var clones = string.Join(", ", layers.SelectMany(l => new[] { $"(float[]){l.MemberName}.Clone()", $"(float[]){l.MemberName}Bias.Clone()" }));
                w.Line($"public {self} Clone() => new {self}({clones});");
                if (layers.Count > 0)
                {
                    w.Line();
                    WriteSafetensors(w, layers, self);
                }

                w.Line();
                WriteLookup(w, layers, "WeightsOf", string.Empty, "weights");
                w.Line();
                WriteLookup(w, layers, "BiasOf", "Bias", "biases");
                w.Line();
                NetworkContractEmitter.WriteWeightsMembers(w, network);
                w.Line();
                using (w.Block("private static float[] Checked(float[]? values, int length, string what, string parameter)"))
                {
                    using (w.Block("if (values is null)"))
                    {
                        w.Line("throw new global::System.ArgumentException($\"The {what} are missing (null).\", parameter);");
                    }

                    using (w.Block("if (values.Length != length)"))
                    {
                        w.Line("throw new global::System.ArgumentException($\"The {what} need {length} values, got {values.Length}.\", parameter);");
                    }

                    w.Line("return values;");
                }
            }
        }

        private static void WriteConstructors(SourceWriter w, NetworkModel network, System.Collections.Generic.List<LayerModel> layers)
        {
            w.Summary("All weights and biases zero.");
            var zeros = string.Join(", ", layers.SelectMany(l => new[] { $"new float[{Constant(network, l, "WeightCount")}]", $"new float[{Constant(network, l, "BiasCount")}]" }));
            w.Line($"public Weights() : this({zeros})");
            using (w.Block())
            {
            }

            w.Line();
            w.Summary("Wraps the given arrays (not copied). Each must have exactly its layer's length.");
            var parameters = string.Join(", ", layers.SelectMany(l => new[] { $"float[] {l.ParameterName}", $"float[] {l.ParameterName}Bias" }));
            w.Line("/// <exception cref=\"global::System.ArgumentException\">An array is null or has the wrong length.</exception>");
            w.Line($"public Weights({parameters})");
            using (w.Block())
            {
                foreach (var layer in layers)
                {
                    var p = layer.ParameterName;
                    w.Line($"{layer.MemberName} = Checked({p}, {Constant(network, layer, "WeightCount")}, {Literal.Of($"weights of layer '{layer.Name}' {layer.TorchShape}")}, nameof({p}));");
                    w.Line($"{layer.MemberName}Bias = Checked({p}Bias, {Constant(network, layer, "BiasCount")}, {Literal.Of($"biases of layer '{layer.Name}' [{layer.BiasCount}]")}, nameof({p}Bias));");
                }
            }
        }

        // PyTorch state_dict names and shapes (`c1.weight` [6, 1, 5, 5], `c1.bias` [6]), so models trained there load as they are.
        private static void WriteSafetensors(SourceWriter w, System.Collections.Generic.List<LayerModel> layers, string self)
        {
            const string Interchange = "global::MapDsl.Runtime.Interchange";
            w.Summary("Loads weights saved by PyTorch (safetensors, names `<layer>.weight` / `<layer>.bias`) or by SaveSafetensors.");
            w.Line("/// <exception cref=\"global::System.ArgumentException\">");
            w.Line("/// A tensor is missing or has the wrong shape (the message names the layer and both shapes).");
            w.Line("/// </exception>");
            w.Line($"/// <exception cref=\"{Interchange}.InterchangeFormatException\">The file is not valid safetensors.</exception>");
            using (w.Block($"public static {self} LoadSafetensors(string path)"))
            {
                w.Line($"var tensors = new global::System.Collections.Generic.Dictionary<string, {Interchange}.NamedTensor>();");
                using (w.Block($"foreach (var tensor in {Interchange}.SafeTensors.Read(path))"))
                {
                    w.Line("tensors[tensor.Name] = tensor;");
                }

                w.Line($"var weights = new {self}();");
                foreach (var layer in layers)
                {
                    w.Line($"Fill(tensors, {Literal.Of(layer.Name!)}, \"weight\", {Dimensions(layer.TorchDimensions)}, weights.{layer.MemberName}, path);");
                    w.Line($"Fill(tensors, {Literal.Of(layer.Name!)}, \"bias\", {Dimensions(new[] { layer.BiasCount })}, weights.{layer.MemberName}Bias, path);");
                }

                w.Line("return weights;");
            }

            w.Line();
            w.Summary("Saves the weights as safetensors (float32, PyTorch names and shapes), atomically.");
            using (w.Block("public void SaveSafetensors(string path, global::System.Collections.Generic.IReadOnlyDictionary<string, string>? metadata = null)"))
            {
                var tensors = layers.SelectMany(l => new[]
                {
                    $"new {Interchange}.NamedTensor({Literal.Of(l.Name + ".weight")}, {Dimensions(l.TorchDimensions)}, {l.MemberName})",
                    $"new {Interchange}.NamedTensor({Literal.Of(l.Name + ".bias")}, {Dimensions(new[] { l.BiasCount })}, {l.MemberName}Bias)",
                });
                w.Line($"{Interchange}.SafeTensors.Write(path, new[] {{ {string.Join(", ", tensors)} }}, metadata);");
            }

            w.Line();
            using (w.Block($"private static void Fill(global::System.Collections.Generic.Dictionary<string, {Interchange}.NamedTensor> tensors, string layer, string part, int[] shape, float[] into, string path)"))
            {
                using (w.Block("if (!tensors.TryGetValue(layer + \".\" + part, out var tensor))"))
                {
                    w.Line("throw new global::System.ArgumentException($\"{path} has no tensor '{layer}.{part}' for layer '{layer}'; it holds: {string.Join(\", \", tensors.Keys)}.\", nameof(path));");
                }

                w.Line($"{Interchange}.ShapeCheck.Require(layer, part, shape, tensor.Shape);");
                w.Line("global::System.Array.Copy(tensor.Data, into, into.Length);");
            }
        }

        private static string Dimensions(int[] dimensions) => "new int[] { " + string.Join(", ", dimensions.Select(Literal.Of)) + " }";

        private static void WriteLookup(SourceWriter w, System.Collections.Generic.List<LayerModel> layers, string method, string suffix, string what)
        {
            w.Summary($"The {what} of the layer with this .xmap name.");
            w.Line($"/// <exception cref=\"global::System.ArgumentException\">The network has no weighted layer of that name.</exception>");
            using (w.Block($"public float[] {method}(string layer) => layer switch", "};"))
            {
                foreach (var layer in layers)
                {
                    w.Line($"{Literal.Of(layer.Name!)} => {layer.MemberName}{suffix},");
                }

                w.Line("_ => throw new global::System.ArgumentException($\"No weighted layer '{layer}'; the weighted layers are: " + string.Join(", ", layers.Select(l => l.Name)) + ".\", nameof(layer)),");
            }
        }

        private static string Constant(NetworkModel network, LayerModel layer, string constant) =>
            $"{network.GlobalName}.{layer.MemberName}.{constant}";
    }
}
