using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// The per-layer parts of a mapping: its tile-plan constants, and <c>Map</c>/<c>ReadBack</c>
    /// as runtime kernel calls over its tiles (see <see cref="TileCallEmitter"/>).
    /// </summary>
    internal static class MappingLayerEmitter
    {
        public static void WritePlan(SourceWriter w, MappingModel mapping, LayerMappingModel layer)
        {
            var plan = layer.Plan;
            w.Summary($"{layer.Layer.Name}: crossbar matrix {plan.MatrixRows} x {plan.MatrixColumns} on {plan.TilesAlongRows} x {plan.TilesAlongColumns} tiles of {plan.TileRows} x {plan.TileColumns}"
                      + $" ({plan.WeightsPerTileRow} weights per tile row).");
            using (w.Block($"public static class {layer.Layer.MemberName}"))
            {
                w.Line($"public const int MatrixRows = {Literal.Of(plan.MatrixRows)};");
                w.Line($"public const int MatrixColumns = {Literal.Of(plan.MatrixColumns)};");
                w.Line($"public const int TilesAlongRows = {Literal.Of(plan.TilesAlongRows)};");
                w.Line($"public const int TilesAlongColumns = {Literal.Of(plan.TilesAlongColumns)};");
                w.Line($"public const int TileCount = {Literal.Of(plan.TileCount)};");
                w.Summary("The pruning rule applied before mapping, in the words of the language.");
                w.Line($"public const string Pruning = {Literal.Of(layer.Pruning is null ? "none" : PruningEmitter.Short(layer.Pruning))};");
                w.Summary("The plan as the runtime sees it; tile (r, c) holds Plan.Block(r, c).");
                w.Call(
                    "public static global::MapDsl.Runtime.Tiles.TilePlan Plan { get; } = new global::MapDsl.Runtime.Tiles.TilePlan",
                    new[] { "MatrixRows", "MatrixColumns", Literal.Of(plan.TileRows), Literal.Of(plan.TileColumns), Literal.Of(plan.CellsPerWeight), Literal.Of(plan.WeightsPerTileRow) });
            }
        }

        /// <summary>
        /// Whether <c>Map</c> writes the layer's tiles straight from the caller's weights: no pruning and no
        /// quantization change them, so the finiteness check can measure w_max in the same pass.
        /// </summary>
        public static bool ProgramsWeightsAsGiven(MappingModel mapping, LayerMappingModel layer) =>
            layer.Pruning is not { Kind: not PruningKind.None } && mapping.Quantize is null;

        /// <summary>The local of <c>Map</c> holding the w_max of a layer programmed as given.</summary>
        public static string MaxWeightLocal(LayerMappingModel layer) => $"maxWeight{layer.Layer.MemberName}";

        public static void WriteMap(SourceWriter w, MappingModel mapping, LayerMappingModel layer)
        {
            var member = layer.Layer.MemberName;
            var asGiven = ProgramsWeightsAsGiven(mapping, layer);
            w.Summary($"Prepares and programs {layer.Layer.Name} ({layer.Layer.Source}, line {layer.Layer.Line}).");
            using (w.Block($"private static void Map{member}({mapping.Network.GlobalName}.Weights weights, State state{(asGiven ? ", double maxWeight" : "")})"))
            {
                var prunes = layer.Pruning is { Kind: not PruningKind.None };
                if (asGiven)
                {
                    w.Comment("no pruning or quantization: the tiles are written straight from the caller's weights, which are only read;");
                    w.Comment("their w_max was measured by Map's finiteness check");
                    w.Line($"var w = weights.{member};");
                    w.Line($"state.{member}MaxWeight = maxWeight;");
                }
                else
                {
                    w.Comment("a copy: pruning and quantization change it, the caller's weights stay as they are");
                    w.Line($"var w = (float[])weights.{member}.Clone();");
                }

                if (prunes && layer.Pruning is { } rule)
                {
                    w.Comment($"pruning {mapping.Pruning!.Name}: {PruningEmitter.Describe(rule)}, line {rule.Line}");
                    w.Line($"{mapping.Pruning.GlobalName}.Prune{member}(w);");
                }

                if (mapping.Quantize is { } quantize)
                {
                    WriteQuantize(w, quantize, member);
                }

                else if (!asGiven)
                {
                    w.Line($"state.{member}MaxWeight = global::MapDsl.Runtime.Quantization.WeightRange.MaxAbs(w);");
                }

                if (mapping.QuantizesBiases)
                {
                    w.Comment("the biases are stored as codes too, with their own range; they were decoded into the chip state above");
                }
                else
                {
                    w.Line($"global::System.Array.Copy(weights.{member}Bias, state.{member}Bias, state.{member}Bias.Length);");
                }

                w.Line($"Program{member}(state, w);");
            }
        }

        /// <summary>Writes a layer's (prepared) weights to its tiles, one kernel call per tile.</summary>
        public static void WriteProgram(SourceWriter w, MappingModel mapping, LayerMappingModel layer)
        {
            var member = layer.Layer.MemberName;
            var kernel = SchemeText.RuntimeKernel(mapping.Scheme);
            var isCrossbar = mapping.Crossbar is not null;
            w.Summary($"Writes the weights of {layer.Layer.Name} to its {Literal.Plural(layer.Plan.TileCount, "tile")}"
                      + (isCrossbar ? $", with conductance scale k = (G_on - G_off) / {member}MaxWeight." : "."));
            using (w.Block($"private static void Program{member}(State state, float[] w)"))
            {
                if (isCrossbar)
                {
                    w.Line($"var wMax = state.{member}MaxWeight;");
                }

                w.Line($"var tiles = state.{member};");
                TileCallEmitter.Write(w, layer, kernel + ".Write", "w", isCrossbar);
            }
        }

        // Quantize to stored codes, flip the chip's faulty bits, decode: the weights the chip stores.
        private static void WriteQuantize(SourceWriter w, QuantizeModel quantize, string member)
        {
            const string Quantization = "global::MapDsl.Runtime.Quantization";
            w.Comment($"{quantize.Source}: the codes the memory stores (see Quantizer)");
            w.Line("var codes = Quantizer.Quantize(w);");
            if (quantize.Biases)
            {
                w.Line($"var biasCodes = Quantizer.Quantize(weights.{member}Bias);");
                w.Comment("the chip's faulty bits flip the stored codes, whatever is programmed (code indices past the weights are the biases')");
                w.Line($"{Quantization}.BitFlips.ApplyToLayer(codes, biasCodes, state.{member}BitFlips);");
                w.Line($"biasCodes.DecodeTo(state.{member}Bias);");
                w.Line($"state.{member}BiasCodes = biasCodes;");
            }
            else
            {
                w.Comment("the chip's faulty bits flip the stored codes, whatever is programmed");
                w.Line($"{Quantization}.BitFlips.Apply(codes, state.{member}BitFlips);");
            }

            w.Line("codes.DecodeTo(w);");
            w.Line($"state.{member}Codes = codes;");
            w.Line($"state.{member}MaxWeight = codes.MaxMagnitude;");
        }

        public static void WriteReadBack(SourceWriter w, MappingModel mapping, LayerMappingModel layer)
        {
            var member = layer.Layer.MemberName;
            var kernel = SchemeText.RuntimeKernel(mapping.Scheme);
            var isCrossbar = mapping.Crossbar is not null;
            w.Summary($"Reads the effective weights of {layer.Layer.Name} from its tiles.");
            using (w.Block($"private static void ReadBack{member}(State state, float[] into)"))
            {
                if (isCrossbar)
                {
                    w.Line($"var wMax = state.{member}MaxWeight;");
                }

                w.Line($"var tiles = state.{member};");
                TileCallEmitter.Write(w, layer, kernel + ".Read", "into", isCrossbar);
            }
        }
    }
}
