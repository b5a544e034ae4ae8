using System.Collections.Generic;
using System.Linq;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// The typed model of a network: forward and backward unrolled over its layers, every shape a
    /// constant, calling the runtime's engine kernels. Buffers are sized once for a maximum batch,
    /// so steady-state calls allocate nothing. Weights come in as a <c>Weights</c> container, so a
    /// mapping's read-back (the faulty chip's weights) can be evaluated or trained through directly.
    /// </summary>
    internal static class NetworkModelEmitter
    {
        private const string Layers = "global::MapDsl.Runtime.Engine.Layers";

        public static void Write(SourceWriter w, NetworkModel network)
        {
            var layers = network.Layers;
            var weights = $"{network.GlobalName}.Weights";
            var classes = network.Output.Length;
            w.Summary($"Forward and training passes of {network.Name} on batches of up to MaxBatch inputs, unrolled over its {layers.Count} layers.\n"
                      + "Inputs are [batch, " + (network.Input.IsVector ? $"{network.Input.Length}" : $"{network.Input.Channels}, {network.Input.Height}, {network.Input.Width}") + $"] row-major; outputs are [batch, {classes}] logits.\n"
                      + "One instance is not thread-safe (it owns its buffers); use one per thread.");
            using (w.Block($"public sealed class Model : {NetworkContractEmitter.ModelInterface(network)}"))
            {
                WriteFields(w, network);
                w.Line();
                WriteConstructor(w, network);
                w.Line();
                w.Summary("The largest batch this model's buffers hold.");
                w.Line("public int MaxBatch { get; }");
                w.Line();
                WriteForward(w, network, weights);
                w.Line();
                WriteLoss(w, network, weights, classes);
                w.Line();
                w.Summary("How many inputs of the batch the network classifies as their label.");
                using (w.Block($"public int CountCorrect(global::System.ReadOnlySpan<float> input, global::System.ReadOnlySpan<byte> labels, int batch, {weights} weights)"))
                {
                    w.Line($"return {Layers}.SoftmaxCrossEntropy.CountCorrect(Forward(input, batch, weights), labels, batch, {Literal.Of(classes)});");
                }

                w.Line();
                using (w.Block("private void CheckBatch(int batch, int inputLength)"))
                {
                    using (w.Block("if (batch < 1 || batch > MaxBatch)"))
                    {
                        w.Line("throw new global::System.ArgumentOutOfRangeException(nameof(batch), batch, $\"The batch must be 1..{MaxBatch} (the model's MaxBatch).\");");
                    }

                    using (w.Block($"if (inputLength != batch * {Literal.Of(network.Input.Length)})"))
                    {
                        w.Line($"throw new global::System.ArgumentException($\"A batch of {{batch}} needs {{batch * {Literal.Of(network.Input.Length)}}} input values ({network.Input} each), got {{inputLength}}.\", \"input\");");
                    }
                }
            }
        }

        private static void WriteFields(SourceWriter w, NetworkModel network)
        {
            for (var i = 0; i < network.Layers.Count; i++)
            {
                var layer = network.Layers[i];
                w.Comment($"line {layer.Line}: {layer.Source}: output {layer.Output} per input, and its gradient");
                w.Line($"private readonly float[] _out{i};");
                w.Line($"private readonly float[] _grad{i};");
                if (layer.Kind == LayerKind.MaxPool)
                {
                    w.Line($"private readonly int[] _argmax{i};");
                }
            }

            w.Line("private readonly float[] _probabilities;");
            w.Line("private readonly float[] _scratch;");
        }

        private static void WriteConstructor(SourceWriter w, NetworkModel network)
        {
            w.Summary("Allocates every buffer for batches of up to `maxBatch` inputs.");
            using (w.Block("public Model(int maxBatch = 256)"))
            {
                using (w.Block("if (maxBatch < 1)"))
                {
                    w.Line("throw new global::System.ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, \"The largest batch must be at least 1.\");");
                }

                w.Line("MaxBatch = maxBatch;");
                for (var i = 0; i < network.Layers.Count; i++)
                {
                    var layer = network.Layers[i];
                    var size = $"maxBatch * {Literal.Of(layer.Output.Length)}";
                    w.Line($"_out{i} = new float[{size}];");
                    w.Line($"_grad{i} = new float[{size}];");
                    if (layer.Kind == LayerKind.MaxPool)
                    {
                        w.Line($"_argmax{i} = new int[{size}];");
                    }
                }

                w.Line($"_probabilities = new float[maxBatch * {Literal.Of(network.Output.Length)}];");
                var convs = network.Layers.Where(l => l.Kind == LayerKind.Conv).ToList();
                if (convs.Count == 0)
                {
                    w.Line("_scratch = global::System.Array.Empty<float>();");
                }
                else
                {
                    // im2col of several images shares one GEMM; 64 images bound the scratch while keeping GEMMs large.
                    w.Line("var imagesPerGemm = global::System.Math.Min(maxBatch, 64);");
                    var sizes = convs.Select(c => $"{Layers}.Sizes.Conv2dScratch(imagesPerGemm, {Args(c, withPadding: true)})");
                    w.Line($"_scratch = new float[{Max(sizes.ToList())}];");
                }
            }
        }

        private static void WriteForward(SourceWriter w, NetworkModel network, string weights)
        {
            w.Summary("The logits of a batch: a view of the model's own buffer, valid until the next call.");
            using (w.Block($"public global::System.ReadOnlySpan<float> Forward(global::System.ReadOnlySpan<float> input, int batch, {weights} weights)"))
            {
                w.Line("global::System.ArgumentNullException.ThrowIfNull(weights);");
                w.Line("CheckBatch(batch, input.Length);");
                for (var i = 0; i < network.Layers.Count; i++)
                {
                    var layer = network.Layers[i];
                    w.Comment($"line {layer.Line}: {layer.Source} ({layer.Input} -> {layer.Output})");
                    w.Line(ForwardCall(layer, i, Input(i, network), Output(i, network)));
                }

                w.Line($"return {Output(network.Layers.Count - 1, network)};");
            }
        }

        private static void WriteLoss(SourceWriter w, NetworkModel network, string weights, int classes)
        {
            var last = network.Layers.Count - 1;
            w.Summary("Forward and backward on a labelled batch: returns the mean softmax cross-entropy and writes its gradient with respect to\n"
                      + "every weight and bias into `gradients` (overwritten). Train with the weights a chip reads back and apply the\n"
                      + "gradients to the clean weights for fault-aware training.");
            using (w.Block($"public double Loss(global::System.ReadOnlySpan<float> input, global::System.ReadOnlySpan<byte> labels, int batch, {weights} weights, {weights} gradients)"))
            {
                w.Line("global::System.ArgumentNullException.ThrowIfNull(gradients);");
                using (w.Block("if (labels.Length != batch)"))
                {
                    w.Line("throw new global::System.ArgumentException($\"A batch of {batch} needs {batch} labels, got {labels.Length}.\", nameof(labels));");
                }

                w.Line("var logits = Forward(input, batch, weights);");
                w.Line($"var probabilities = {View("_probabilities", $"batch * {Literal.Of(classes)}")};");
                w.Line($"var loss = {Layers}.SoftmaxCrossEntropy.Forward(logits, labels, batch, {Literal.Of(classes)}, probabilities);");
                w.Line($"{Layers}.SoftmaxCrossEntropy.Backward(probabilities, labels, {Gradient(last, network)}, batch, {Literal.Of(classes)});");
                for (var i = last; i >= 0; i--)
                {
                    var layer = network.Layers[i];
                    if (i == 0 && !layer.IsWeighted)
                    {
                        continue; // nothing to learn and no input gradient wanted
                    }

                    w.Comment($"line {layer.Line}: {layer.Source}, backward");
                    var gradInput = i == 0 ? "global::System.Span<float>.Empty" : Gradient(i - 1, network);
                    w.Line(BackwardCall(layer, i, Input(i, network), Output(i, network), Gradient(i, network), gradInput));
                }

                w.Line("return loss;");
            }
        }

        private static string ForwardCall(LayerModel layer, int i, string x, string y) => layer.Kind switch
        {
            LayerKind.Conv => $"{Layers}.Conv2d.Forward({x}, weights.{layer.MemberName}, weights.{layer.MemberName}Bias, {y}, batch, {Args(layer, withPadding: true)}, _scratch);",
            LayerKind.Dense => $"{Layers}.Dense.Forward({x}, weights.{layer.MemberName}, weights.{layer.MemberName}Bias, {y}, batch, {Literal.Of(layer.Input.Length)}, {Literal.Of(layer.Output.Length)});",
            LayerKind.Relu => $"{Layers}.Relu.Forward({x}, {y});",
            LayerKind.MaxPool => $"{Layers}.MaxPool2d.Forward({x}, {y}, {View($"_argmax{i}", $"batch * {Literal.Of(layer.Output.Length)}")}, batch, {PoolArgs(layer)});",
            LayerKind.AvgPool => $"{Layers}.AvgPool2d.Forward({x}, {y}, batch, {PoolArgs(layer)});",
            _ => $"{x}.CopyTo({y}); // flatten: NCHW memory is already the flattened vector",
        };

        private static string BackwardCall(LayerModel layer, int i, string x, string y, string gy, string gx) => layer.Kind switch
        {
            LayerKind.Conv => $"{Layers}.Conv2d.Backward({x}, weights.{layer.MemberName}, {gy}, {gx}, gradients.{layer.MemberName}, gradients.{layer.MemberName}Bias, batch, {Args(layer, withPadding: true)}, _scratch);",
            LayerKind.Dense => $"{Layers}.Dense.Backward({x}, weights.{layer.MemberName}, {gy}, {gx}, gradients.{layer.MemberName}, gradients.{layer.MemberName}Bias, batch, {Literal.Of(layer.Input.Length)}, {Literal.Of(layer.Output.Length)});",
            LayerKind.Relu => $"{Layers}.Relu.Backward({y}, {gy}, {gx});",
            LayerKind.MaxPool => $"{Layers}.MaxPool2d.Backward({gy}, {View($"_argmax{i}", $"batch * {Literal.Of(layer.Output.Length)}")}, {gx});",
            LayerKind.AvgPool => $"{Layers}.AvgPool2d.Backward({gy}, {gx}, batch, {PoolArgs(layer)});",
            _ => $"{gy}.CopyTo({gx});",
        };

        private static string Input(int i, NetworkModel network) => i == 0 ? "input" : Output(i - 1, network);

        private static string Output(int i, NetworkModel network) => View($"_out{i}", $"batch * {Literal.Of(network.Layers[i].Output.Length)}");

        private static string Gradient(int i, NetworkModel network) => View($"_grad{i}", $"batch * {Literal.Of(network.Layers[i].Output.Length)}");

        // The first `length` elements of a buffer; spelled out because generated code cannot rely on `using System;`.
        private static string View(string buffer, string length) => $"global::System.MemoryExtensions.AsSpan({buffer}, 0, {length})";

        // inChannels, inHeight, inWidth, outChannels, kernelHeight, kernelWidth, stride, pad
        private static string Args(LayerModel conv, bool withPadding) =>
            string.Join(", ", new[] { conv.Input.Channels, conv.Input.Height, conv.Input.Width, conv.Output.Channels, conv.KernelHeight, conv.KernelWidth, conv.Stride }
                .Concat(withPadding ? new[] { conv.Padding } : new int[0]).Select(Literal.Of));

        // channels, inHeight, inWidth, windowHeight, windowWidth, strideHeight, strideWidth
        private static string PoolArgs(LayerModel pool) =>
            string.Join(", ", new[] { pool.Input.Channels, pool.Input.Height, pool.Input.Width, pool.KernelHeight, pool.KernelWidth, pool.Stride, pool.StrideWidth }.Select(Literal.Of));

        private static string Max(List<string> sizes) =>
            sizes.Count == 1 ? sizes[0] : $"global::System.Math.Max({sizes[0]}, {Max(sizes.Skip(1).ToList())})";
    }
}
