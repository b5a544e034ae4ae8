using System.Linq;
using MapDsl.Generator.Model;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// <c>mapping X: N -> T</c> becomes a class (one instance, implementing the runtime's mapping contract) with the tile plan of every weighted layer as
    /// constants, a <c>State</c> holding the chip's tiles, and <c>Map</c> / <c>ReadBack</c> unrolled
    /// into one runtime call per tile with constant bounds (see <see cref="MappingLayerEmitter"/>).
    /// </summary>
    internal static class MappingEmitter
    {
        public static string Emit(MappingModel mapping) => GeneratedFile.Write(mapping, w =>
        {
            var weights = $"{mapping.Network.GlobalName}.Weights";
            var tiles = mapping.Layers.Sum(l => l.Plan.TileCount);
            var first = mapping.Layers.FirstOrDefault()?.Plan;
            w.Summary($"mapping {mapping.Name}: {mapping.Network.Name} -> {mapping.Target.Name} ({mapping.Origin}).\n"
                      + $"scheme {mapping.SchemeWord}: {SchemeText.Explain(mapping.Scheme)}.\n"
                      + (mapping.Pruning is null ? "No pruning" : $"pruning {mapping.Pruning.Name}")
                      + (mapping.Quantize is { } q ? $"; {q.Source} before mapping" : string.Empty) + ".\n"
                      + $"{mapping.Layers.Count} weighted layers on {tiles} tiles.");
            WritePlanTable(w, mapping);
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            using (w.Block($"public sealed partial class {Naming.EscapeIdentifier(mapping.Name)} : {MappingContractEmitter.Interface(mapping)}"))
            {
                w.Line($"public const string Name = {Literal.Of(mapping.Name)};");
                w.Summary($"scheme {mapping.SchemeWord}.");
                w.Line($"public const global::MapDsl.Runtime.Schemes.Scheme Scheme = {SchemeText.RuntimeEnum(mapping.Scheme)};");
                w.Summary($"The target: {mapping.Target.Name}.");
                w.Line(mapping.Crossbar is not null
                    ? $"public static global::MapDsl.Runtime.Tiles.CrossbarSpec Target => {mapping.Crossbar.GlobalName}.Spec;"
                    : $"public static global::MapDsl.Runtime.Tiles.SystolicSpec Target => {mapping.Systolic!.GlobalName}.Spec;");
                if (first is not null)
                {
                    w.Summary("Cells a weight takes under the scheme.");
                    w.Line($"public const int CellsPerWeight = {Literal.Of(first.CellsPerWeight)};");
                    w.Summary("Matrix columns (weights) one tile row holds under the scheme.");
                    w.Line($"public const int WeightsPerTileRow = {Literal.Of(first.WeightsPerTileRow)};");
                }

                w.Summary("Tiles of all layers together.");
                w.Line($"public const int TileCount = {Literal.Of(tiles)};");
                w.Summary("Bits of each stored weight code; 0 when weights are not quantized.");
                w.Line($"public const int QuantizeBits = {Literal.Of(mapping.QuantizeBits)};");
                if (mapping.Quantize is { } quantize)
                {
                    w.Summary("Whether the biases are stored as codes too (the word 'biases'), after each layer's weight codes.");
                    w.Line($"public const bool QuantizeBiases = {(quantize.Biases ? "true" : "false")};");
                    w.Summary($"{quantize.Source}: how every layer's weights become the stored codes.");
                    w.Line($"public static global::MapDsl.Runtime.Quantization.Quantizer Quantizer {{ get; }} = {QuantizerLiteral(quantize)};");
                }

                w.Summary("The weighted layers in order, with their tile plans and pruning rules.");
                var plans = mapping.Layers.Select(l => $"new global::MapDsl.Runtime.Tiles.LayerPlan({Literal.Of(l.Layer.Name!)}, {l.Layer.MemberName}.Plan, {l.Layer.MemberName}.Pruning, {Literal.Of(l.Pruning?.PrunedFraction ?? 0)})");
                w.Line("public static global::System.Collections.Generic.IReadOnlyList<global::MapDsl.Runtime.Tiles.LayerPlan> Layers { get; } =");
                using (w.Indent())
                {
                    w.Initializer("new global::MapDsl.Runtime.Tiles.LayerPlan[]", plans);
                }
                foreach (var layer in mapping.Layers)
                {
                    w.Line();
                    MappingLayerEmitter.WritePlan(w, mapping, layer);
                }

                w.Line();
                MappingStateEmitter.Write(w, mapping);
                w.Line();
                WriteEntryPoints(w, mapping, weights);
                w.Line();
                MappingFaultsEmitter.Write(w, mapping);
                w.Line();
                MappingContractEmitter.Write(w, mapping);
                foreach (var layer in mapping.Layers)
                {
                    w.Line();
                    MappingLayerEmitter.WriteMap(w, mapping, layer);
                    w.Line();
                    MappingLayerEmitter.WriteProgram(w, mapping, layer);
                    w.Line();
                    MappingLayerEmitter.WriteReadBack(w, mapping, layer);
                }
            }
        });

        /// <summary>The runtime quantizer of a <c>quantize</c> statement, as a C# expression.</summary>
        private static string QuantizerLiteral(QuantizeModel quantize)
        {
            const string Q = "global::MapDsl.Runtime.Quantization";
            return $"new {Q}.Quantizer({Literal.Of(quantize.Bits)}, "
                   + $"{Q}.QuantizationRange.{(quantize.Asymmetric ? "Asymmetric" : "Symmetric")}, "
                   + $"{Q}.CodeEncoding.{(quantize.Unsigned ? "Unsigned" : "Signed")}, "
                   + $"{Q}.CodeRounding.{(quantize.Truncate ? "Truncate" : "Nearest")}, "
                   + (quantize.Clip > 0 ? Literal.Of(quantize.Clip) : "null") + ")";
        }

        private static void WritePlanTable(SourceWriter w, MappingModel mapping)
        {
            var rows = mapping.Layers.Select(layer =>
            {
                var plan = layer.Plan;
                var pruning = layer.Pruning is null ? "none" : PruningEmitter.Short(layer.Pruning);
                return $"{layer.Layer.Name,-7} {$"{plan.MatrixRows} x {plan.MatrixColumns}",-22} {$"{plan.TilesAlongRows} x {plan.TilesAlongColumns} = {plan.TileCount}",-27} {pruning}";
            });
            w.CodeRemarks(new[] { "layer   matrix (rows x cols)   tiles (along rows x cols)   pruning" }.Concat(rows));
        }

        private const string Folding = "global::MapDsl.Runtime.Engine.Graph.BatchNormFolding";

        private static void WriteEntryPoints(SourceWriter w, MappingModel mapping, string weights)
        {
            var norms = mapping.Network.HasNorms;
            w.Summary(norms
                ? "Programs a fresh chip: folds each batch norm that directly follows a conv or dense layer into it, then prunes,\nquantizes and writes every layer's weights to its tiles."
                : "Programs a fresh chip: prunes, quantizes and writes every layer's weights to its tiles.");
            using (w.Block($"public static State Map({weights} weights)"))
            {
                w.Line("var state = new State();");
                w.Line("Map(weights, state);");
                w.Line("return state;");
            }

            w.Line();
            w.Summary(norms
                ? "Re-programs the tiles of an existing chip; cells stuck by faults stay stuck. The caller's weights are not changed:\nbatch norms are folded into a copy (BatchNormFolding.Folded), which is what the tiles hold."
                : "Re-programs the tiles of an existing chip; cells stuck by faults stay stuck.");
            using (w.Block($"public static void Map({weights} weights, State state)"))
            {
                w.Line("global::System.ArgumentNullException.ThrowIfNull(weights);");
                w.Line("global::System.ArgumentNullException.ThrowIfNull(state);");
                if (norms)
                {
                    w.Comment("batch norms directly after a conv or dense layer are folded into it first: the tiles hold w * s and the digital biases "
                              + "(b - mean) * s + beta, with s = gamma / sqrt(var + eps) per output channel; pruning, quantization and faults act on these");
                    w.Line($"weights = {Folding}.Folded(weights);");
                }

                w.Comment("every layer is checked before any is programmed, so a bad weight leaves the chip as it was");
                if (mapping.Layers.Any(layer => MappingLayerEmitter.ProgramsWeightsAsGiven(mapping, layer)))
                {
                    w.Comment("(a layer programmed as given gets its w_max from the same pass over its weights)");
                }

                foreach (var layer in mapping.Layers)
                {
                    var member = layer.Layer.MemberName;
                    var name = Literal.Of(layer.Layer.Name!);
                    w.Line(MappingLayerEmitter.ProgramsWeightsAsGiven(mapping, layer)
                        ? $"var {MappingLayerEmitter.MaxWeightLocal(layer)} = global::MapDsl.Runtime.Quantization.WeightRange.RequireFiniteMaxAbs(weights.{member}, {name});"
                        : $"global::MapDsl.Runtime.Quantization.WeightRange.RequireFinite(weights.{member}, {name});");
                }

                foreach (var layer in mapping.Layers)
                {
                    w.Line(MappingLayerEmitter.ProgramsWeightsAsGiven(mapping, layer)
                        ? $"Map{layer.Layer.MemberName}(weights, state, {MappingLayerEmitter.MaxWeightLocal(layer)});"
                        : $"Map{layer.Layer.MemberName}(weights, state);");
                }

                if (norms)
                {
                    w.Comment("the chip keeps every batch norm: the folded ones marked IsFolded (the identity), the others to compute digitally");
                    CopyNorms(w, "weights.Norms", "state.Norms", "state.Norms.Length");
                }
            }

            w.Line();
            w.Summary(norms ? ReadBackWithNorms : "The weights the chip really computes with: read back from every tile (biases stay digital).");
            using (w.Block($"public static {weights} ReadBack(State state)"))
            {
                w.Line($"var weights = new {weights}();");
                w.Line("ReadBack(state, weights);");
                w.Line("return weights;");
            }

            w.Line();
            w.Summary(norms
                ? "Reads the effective weights into an existing container (no allocation): folded weights and biases, and the batch norms\nas the chip keeps them (folded ones marked IsFolded)."
                : "Reads the effective weights into an existing container (no allocation).");
            using (w.Block($"public static void ReadBack(State state, {weights} into)"))
            {
                w.Line("global::System.ArgumentNullException.ThrowIfNull(state);");
                w.Line("global::System.ArgumentNullException.ThrowIfNull(into);");
                foreach (var layer in mapping.Layers)
                {
                    w.Line($"ReadBack{layer.Layer.MemberName}(state, into.{layer.Layer.MemberName});");
                    w.Line($"global::System.Array.Copy(state.{layer.Layer.MemberName}Bias, into.{layer.Layer.MemberName}Bias, state.{layer.Layer.MemberName}Bias.Length);");
                }

                if (norms)
                {
                    CopyNorms(w, "state.Norms", "into.Norms", "state.Norms.Length");
                }
            }
        }

        private const string ReadBackWithNorms =
            "The weights the chip really computes with: read back from every tile (biases stay digital).\n"
            + "Batch norms are part of what Map maps: each one that directly follows a conv or dense layer was folded into that layer,\n"
            + "so the weights and biases read back are the folded ones (w * s and (b - mean) * s + beta, s = gamma / sqrt(var + eps)),\n"
            + "faults included, and those batch norms come back marked IsFolded (the identity: the model skips them; they cannot be\n"
            + "trained). The other batch norms come back as Map was given them and are computed digitally.";

        private static void CopyNorms(SourceWriter w, string from, string to, string count)
        {
            using (w.Block($"for (var i = 0; i < {count}; i++)"))
            {
                w.Line($"{from}[i].CopyTo({to}[i]);");
            }
        }
    }
}
