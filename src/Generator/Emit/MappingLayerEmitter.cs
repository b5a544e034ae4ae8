using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// The per-layer parts of a mapping: its tile-plan constants, and <c>Map</c>/<c>ReadBack</c>
    /// unrolled to one runtime kernel call per tile with constant bounds.
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
                w.Line("public static global::MapDsl.Runtime.Tiles.TilePlan Plan { get; } = new global::MapDsl.Runtime.Tiles.TilePlan("
                       + $"MatrixRows, MatrixColumns, {Literal.Of(plan.TileRows)}, {Literal.Of(plan.TileColumns)}, {Literal.Of(plan.CellsPerWeight)}, {Literal.Of(plan.WeightsPerTileRow)});");
            }
        }

        public static void WriteMap(SourceWriter w, MappingModel mapping, LayerMappingModel layer)
        {
            var member = layer.Layer.MemberName;
            var kernel = SchemeText.RuntimeKernel(mapping.Scheme);
            var isCrossbar = mapping.Crossbar is not null;
            w.Summary($"Programs {layer.Layer.Name} ({layer.Layer.Source}, line {layer.Layer.Line}).");
            using (w.Block($"private static void Map{member}({mapping.Network.GlobalName}.Weights weights, State state)"))
            {
                w.Line($"var w = (float[])weights.{member}.Clone();");
                if (layer.Pruning is { Kind: not PruningKind.None } rule)
                {
                    w.Comment($"pruning {mapping.Pruning!.Name}: {PruningEmitter.Describe(rule)}, line {rule.Line}");
                    w.Line($"{mapping.Pruning.GlobalName}.Prune{member}(w);");
                }

                w.Line("var wMax = global::MapDsl.Runtime.Quantization.WeightRange.MaxAbs(w);");
                if (mapping.IsQuantized)
                {
                    w.Comment($"quantize {mapping.QuantizeBits} bit: symmetric fixed point over [-w_max, w_max]");
                    w.Line($"global::MapDsl.Runtime.Quantization.SymmetricQuantizer.Quantize(w, wMax, {Literal.Of(mapping.QuantizeBits)});");
                }

                w.Line($"state.{member}MaxWeight = wMax;");
                w.Line($"global::System.Array.Copy(weights.{member}Bias, state.{member}Bias, state.{member}Bias.Length);");
                w.Line($"var tiles = state.{member};");
                ForEachTile(w, layer, (index, call) =>
                    w.Line($"{kernel}.Write(tiles[{index}], w, {call}{(isCrossbar ? ", wMax" : string.Empty)});"));
            }
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
                ForEachTile(w, layer, (index, call) =>
                    w.Line($"{kernel}.Read(tiles[{index}], into, {call}{(isCrossbar ? ", wMax" : string.Empty)});"));
            }
        }

        // One statement per tile, with the block of the matrix it holds spelled out as constants.
        private static void ForEachTile(SourceWriter w, LayerMappingModel layer, System.Action<string, string> write)
        {
            var plan = layer.Plan;
            for (var r = 0; r < plan.TilesAlongRows; r++)
            {
                for (var c = 0; c < plan.TilesAlongColumns; c++)
                {
                    var rowStart = r * plan.TileRows;
                    var rowCount = System.Math.Min(plan.TileRows, plan.MatrixRows - rowStart);
                    var colStart = c * plan.WeightsPerTileRow;
                    var colCount = System.Math.Min(plan.WeightsPerTileRow, plan.MatrixColumns - colStart);
                    var index = Literal.Of((r * plan.TilesAlongColumns) + c);
                    w.Comment($"tile ({r}, {c}): matrix rows {rowStart}..{rowStart + rowCount - 1}, columns {colStart}..{colStart + colCount - 1}");
                    write(index, $"{Literal.Of(plan.MatrixRows)}, {Literal.Of(rowStart)}, {Literal.Of(rowCount)}, {Literal.Of(colStart)}, {Literal.Of(colCount)}");
                }
            }
        }
    }
}
