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
        /// <summary>The safetensors metadata key listing the batch norms saved folded (see <c>BatchNormParameters.IsFolded</c>).</summary>
        public const string FoldedKey = "mapdsl.folded_batchnorms";

        private const string Norm = "global::MapDsl.Runtime.Engine.Graph.BatchNormParameters";

        private const string ExpectedLength = "global::MapDsl.Runtime.Contract.ExpectedLength";

        public static void Write(SourceWriter w, NetworkModel network)
        {
            var layers = network.WeightedLayers.ToList();
            var norms = network.NormLayers.ToList();
            var self = $"{network.GlobalName}.Weights";
            w.Summary($"The weights and biases of {network.Name}: one array per weighted layer, in PyTorch layout\n"
                      + "(conv [out, in, kh, kw], dense [out, in]), so crossbar-matrix element (row r, column c) is at c * MatrixRows + r."
                      + (norms.Count == 0 ? string.Empty : "\nEach batch norm's parameters (gamma, beta, running mean and variance) are digital; Norms lists them in network order."));
            using (w.Block($"public sealed class Weights : {NetworkContractEmitter.WeightsInterface(network)}"))
            {
                if (layers.Count == 0)
                {
                    // A network without conv or dense layers has nothing to hold.
                    w.Summary("No weights: the network has no weighted layer.");
                    w.Line("public Weights()");
                    using (w.Block())
                    {
                        WriteNormList(w, norms);
                    }
                }
                else
                {
                    WriteConstructors(w, network, layers, norms);
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

                foreach (var norm in norms)
                {
                    w.Line();
                    w.Summary($"Batch norm {norm.Name} ({norm.Source}, line {norm.Line}): {Literal.Plural(Channels(norm), norm.Input.IsVector ? "feature" : "channel")}"
                              + (norm.FoldsInto >= 0 ? $"; folded into {layers[norm.FoldsInto].Name} when mapped." : "; digital (no conv or dense directly before it)."));
                    w.Line($"public {Norm} {norm.MemberName} {{ get; }} = new({Literal.Of(norm.Name!)}, {Literal.Of(Channels(norm))});");
                }

                if (norms.Count > 0)
                {
                    w.Line();
                    w.Summary("The batch norms' parameters in network order (NormIndex order of Graph.NormSteps): the properties above.");
                    w.Line($"public global::System.Collections.Generic.IReadOnlyList<{Norm}> Norms {{ get; }}");
                }

                w.Line();
                w.Summary(norms.Count == 0 ? "A deep copy." : "A deep copy, batch norms included (with their IsFolded marks).");
                var clones = string.Join(", ", layers.SelectMany(l => new[] { $"(float[]){l.MemberName}.Clone()", $"(float[]){l.MemberName}Bias.Clone()" }));
                if (norms.Count == 0)
                {
                    w.Line($"public {self} Clone() => new {self}({clones});");
                }
                else
                {
                    using (w.Block($"public {self} Clone()"))
                    {
                        w.Line($"var copy = new {self}({clones});");
                        using (w.Block("for (var i = 0; i < Norms.Count; i++)"))
                        {
                            w.Line("Norms[i].CopyTo(copy.Norms[i]);");
                        }

                        w.Line("return copy;");
                    }
                }

                if (layers.Count > 0)
                {
                    w.Line();
                    WriteSafetensors(w, network, layers, norms, self);
                }

                w.Line();
                WriteLookup(w, network, layers, "WeightsOf", string.Empty, "weights");
                w.Line();
                WriteLookup(w, network, layers, "BiasOf", "Bias", "biases");
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

        private static int Channels(LayerModel norm) => norm.Input.IsVector ? norm.Input.Length : norm.Input.Channels;

        // Both constructors end here (the parameterless one chains to the other): Norms lists the norm properties.
        private static void WriteNormList(SourceWriter w, System.Collections.Generic.List<LayerModel> norms)
        {
            if (norms.Count > 0)
            {
                w.Initializer($"Norms = new {Norm}[]", norms.Select(n => n.MemberName));
            }
        }

        private static void WriteConstructors(SourceWriter w, NetworkModel network, System.Collections.Generic.List<LayerModel> layers, System.Collections.Generic.List<LayerModel> norms)
        {
            w.Summary("All weights and biases zero.");
            var zeros = string.Join(", ", layers.SelectMany(l => new[] { $"new float[{Constant(network, l, "WeightCount")}]", $"new float[{Constant(network, l, "BiasCount")}]" }));
            w.Line($"public Weights() : this({zeros})");
            using (w.Block())
            {
            }

            w.Line();
            w.Summary("Wraps the given arrays (not copied). Each must have exactly its layer's length.");
            // [ExpectedLength] lets the C# analyzers (XMAP1003) see each array's length at the call site.
            var parameters = string.Join(", ", layers.SelectMany(l => new[]
            {
                $"[{ExpectedLength}({Constant(network, l, "WeightCount")})] float[] {l.ParameterName}",
                $"[{ExpectedLength}({Constant(network, l, "BiasCount")})] float[] {l.ParameterName}Bias",
            }));
            w.Line("/// <exception cref=\"global::System.ArgumentException\">An array is null or has the wrong length.</exception>");
            w.Line($"public Weights({parameters})");
            using (w.Block())
            {
                foreach (var layer in layers)
                {
                    var p = layer.ParameterName;
                    w.Line($"{layer.MemberName} = Checked({p}, {Constant(network, layer, "WeightCount")}, {Literal.Of($"weights of layer '{layer.Name}' {layer.TorchShape}")}, {Literal.Of(p.TrimStart('@'))});");
                    w.Line($"{layer.MemberName}Bias = Checked({p}Bias, {Constant(network, layer, "BiasCount")}, {Literal.Of($"biases of layer '{layer.Name}' [{layer.BiasCount}]")}, {Literal.Of(p.TrimStart('@') + "Bias")});");
                }

                WriteNormList(w, norms);
            }
        }

        // PyTorch state_dict names and shapes (`c1.weight` [6, 1, 5, 5], `c1.bias` [6]), so models trained there load as they are;
        // a batch norm's are `<name>.weight`, `.bias`, `.running_mean`, `.running_var` ([C] each; `num_batches_tracked` is ignored).
        private static void WriteSafetensors(
            SourceWriter w, NetworkModel network, System.Collections.Generic.List<LayerModel> layers, System.Collections.Generic.List<LayerModel> norms, string self)
        {
            const string Interchange = "global::MapDsl.Runtime.Interchange";
            w.Summary(norms.Count == 0
                ? "Loads weights saved by PyTorch (safetensors, names `<layer>.weight` / `<layer>.bias`) or by SaveSafetensors."
                : "Loads weights saved by PyTorch (safetensors, names `<layer>.weight` / `<layer>.bias`; a batch norm's `<name>.weight`, `.bias`,\n"
                  + $"`.running_mean` and `.running_var`, `num_batches_tracked` ignored) or by SaveSafetensors (whose metadata '{FoldedKey}' marks folded batch norms).");
            w.Line("/// <exception cref=\"global::System.ArgumentException\">");
            w.Line("/// A tensor is missing or has the wrong shape (the message names the layer and both shapes).");
            w.Line("/// </exception>");
            w.Line($"/// <exception cref=\"{Interchange}.InterchangeFormatException\">");
            w.Line("/// The file is not valid safetensors, or a tensor holds NaN or an infinity (the message names the tensor and the index).");
            w.Line("/// </exception>");
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

                if (norms.Count > 0)
                {
                    using (w.Block("foreach (var norm in weights.Norms)"))
                    {
                        w.Line("FillNorm(tensors, norm, path);");
                    }

                    WriteFoldedOnLoad(w);
                }

                w.Line("return weights;");
            }

            w.Line();
            w.Summary(norms.Count == 0
                ? "Saves the weights as safetensors (float32, PyTorch names and shapes), atomically."
                : "Saves the weights as safetensors (float32, PyTorch names and shapes), atomically; each batch norm as `<name>.weight`, `.bias`,\n"
                  + $"`.running_mean` and `.running_var`, and the names of the folded ones in the metadata '{FoldedKey}'.");
            using (w.Block("public void SaveSafetensors(string path, global::System.Collections.Generic.IReadOnlyDictionary<string, string>? metadata = null)"))
            {
                var tensors = layers.SelectMany(l => new[]
                {
                    $"new {Interchange}.NamedTensor({Literal.Of(l.Name + ".weight")}, {Dimensions(l.TorchDimensions)}, {l.MemberName})",
                    $"new {Interchange}.NamedTensor({Literal.Of(l.Name + ".bias")}, {Dimensions(new[] { l.BiasCount })}, {l.MemberName}Bias)",
                });
                if (norms.Count == 0)
                {
                    w.Line($"{Interchange}.SafeTensors.Write(path, new[] {{ {string.Join(", ", tensors)} }}, metadata);");
                }
                else
                {
                    w.Initializer($"var tensors = new global::System.Collections.Generic.List<{Interchange}.NamedTensor>", tensors);
                    using (w.Block("foreach (var norm in Norms)"))
                    {
                        w.Line("tensors.AddRange(NormTensors(norm));");
                    }

                    w.Line($"{Interchange}.SafeTensors.Write(path, tensors, WithFoldedNorms(metadata));");
                }
            }

            if (norms.Count > 0)
            {
                w.Line();
                WriteNormHelpers(w);
            }

            w.Line();
            using (w.Block($"private static void Fill(global::System.Collections.Generic.Dictionary<string, {Interchange}.NamedTensor> tensors, string layer, string part, int[] shape, float[] into, string path)"))
            {
                using (w.Block("if (!tensors.TryGetValue(layer + \".\" + part, out var tensor))"))
                {
                    w.Line("throw new global::System.ArgumentException($\"{path} has no tensor '{layer}.{part}' for layer '{layer}'; it holds: {string.Join(\", \", tensors.Keys)}.\", \"path\");");
                }

                w.Line($"{Interchange}.ShapeCheck.Require(layer, part, shape, tensor.Shape);");
                w.Line($"{Interchange}.FiniteValues.Require(tensor, path);");
                w.Line("global::System.Array.Copy(tensor.Data, into, into.Length);");
            }
        }

        // A folded batch norm (a read-back's) is the identity; the mark travels in the metadata, so that loading the file
        // does not apply it a second time.
        private static void WriteFoldedOnLoad(SourceWriter w)
        {
            w.Comment("batch norms that were saved folded (a mapping's read-back) stay folded: their layers' weights already hold them");
            using (w.Block($"if (global::MapDsl.Runtime.Interchange.SafeTensors.ReadMetadata(path).TryGetValue({Literal.Of(FoldedKey)}, out var folded))"))
            {
                using (w.Block("foreach (var norm in weights.Norms)"))
                {
                    w.Line("norm.IsFolded = global::System.Array.IndexOf(folded.Split(','), norm.Name) >= 0;");
                }
            }
        }

        private static void WriteNormHelpers(SourceWriter w)
        {
            const string Interchange = "global::MapDsl.Runtime.Interchange";
            const string Metadata = "global::System.Collections.Generic.IReadOnlyDictionary<string, string>";
            using (w.Block($"private static void FillNorm(global::System.Collections.Generic.Dictionary<string, {Interchange}.NamedTensor> tensors, {Norm} norm, string path)"))
            {
                w.Line("var shape = new int[] { norm.Channels };");
                w.Line("Fill(tensors, norm.Name, \"weight\", shape, norm.Gamma, path);");
                w.Line("Fill(tensors, norm.Name, \"bias\", shape, norm.Beta, path);");
                w.Line("Fill(tensors, norm.Name, \"running_mean\", shape, norm.RunningMean, path);");
                w.Line("Fill(tensors, norm.Name, \"running_var\", shape, norm.RunningVar, path);");
            }

            w.Line();
            using (w.Block($"private static {Interchange}.NamedTensor[] NormTensors({Norm} norm)"))
            {
                w.Line("var shape = new int[] { norm.Channels };");
                w.Initializer(
                    $"return new {Interchange}.NamedTensor[]",
                    new[] { ("weight", "Gamma"), ("bias", "Beta"), ("running_mean", "RunningMean"), ("running_var", "RunningVar") }
                        .Select(p => $"new {Interchange}.NamedTensor(norm.Name + {Literal.Of("." + p.Item1)}, shape, norm.{p.Item2})"));
            }

            w.Line();
            w.Line($"private {Metadata}? WithFoldedNorms(");
            using (w.Indent())
            {
                w.Line($"{Metadata}? metadata)");
            }

            using (w.Block())
            {
                w.Line("var folded = string.Join(\",\", global::System.Linq.Enumerable.Select(global::System.Linq.Enumerable.Where(Norms, n => n.IsFolded), n => n.Name));");
                using (w.Block($"if (folded.Length == 0 && (metadata is null || !metadata.ContainsKey({Literal.Of(FoldedKey)})))"))
                {
                    w.Line("return metadata;");
                }

                w.Line("var all = metadata is null");
                using (w.Indent())
                {
                    w.Line("? new global::System.Collections.Generic.Dictionary<string, string>()");
                    w.Line(": new global::System.Collections.Generic.Dictionary<string, string>(metadata);");
                }

                w.Line($"all.Remove({Literal.Of(FoldedKey)});");
                using (w.Block("if (folded.Length > 0)"))
                {
                    w.Line($"all[{Literal.Of(FoldedKey)}] = folded;");
                }

                w.Line("return all;");
            }
        }

        private static string Dimensions(int[] dimensions) => "new int[] { " + string.Join(", ", dimensions.Select(Literal.Of)) + " }";

        private static void WriteLookup(SourceWriter w, NetworkModel network, System.Collections.Generic.List<LayerModel> layers, string method, string suffix, string what)
        {
            w.Summary($"The {what} of the layer with this .xmap name.");
            w.Line($"/// <exception cref=\"global::System.ArgumentException\">The network has no weighted layer of that name.</exception>");
            using (w.Block($"public float[] {method}(string layer) => layer switch", "};"))
            {
                foreach (var layer in layers)
                {
                    w.Line($"{Literal.Of(layer.Name!)} => {layer.MemberName}{suffix},");
                }

                // The names as a literal while the message fits a line; a network with many layers joins them at run time.
                var listed = string.Join(", ", layers.Select(l => l.Name));
                var message = $"No weighted layer '{{layer}}'; the weighted layers are: {listed}.";
                if (w.Indentation + 4 + message.Length + 3 > SourceWriter.MaxLineLength)
                {
                    message = $"No weighted layer '{{layer}}'; the weighted layers are: {{string.Join(\", \", {network.GlobalName}.WeightedLayerNames)}}.";
                }

                w.Line("_ => throw new global::System.ArgumentException($\"" + message + "\", \"layer\"),");
            }
        }

        private static string Constant(NetworkModel network, LayerModel layer, string constant) =>
            $"{network.GlobalName}.{layer.MemberName}.{constant}";
    }
}
