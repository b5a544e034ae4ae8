using System.Collections.Generic;
using MapDsl.Generator.Model;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// The kernel calls that write or read a layer's tiles. A layer with few tiles gets one call per
    /// tile with its matrix block spelled out as constants, so the tile plan can be read in the code
    /// (every LeNet-5 layer on 128 x 128 crossbars). Beyond <see cref="UnrollLimit"/> tiles the layer
    /// walks its runtime <c>TilePlan</c> in one loop instead, so that generated code grows with the
    /// number of layers, not of tiles.
    /// </summary>
    internal static class TileCallEmitter
    {
        /// <summary>The most tiles a layer may have and still get one spelled-out call per tile.</summary>
        public const int UnrollLimit = 16;

        /// <summary>
        /// Writes <c>kernel.method(tile, weights, block[, wMax])</c> for every tile of the layer, where
        /// the local <c>tiles</c> holds the layer's tiles and <paramref name="weights"/> names its array.
        /// </summary>
        public static void Write(SourceWriter w, LayerMappingModel layer, string kernelMethod, string weights, bool withWMax)
        {
            if (layer.Plan.TileCount <= UnrollLimit)
            {
                Unrolled(w, layer, kernelMethod, weights, withWMax);
            }
            else
            {
                Loop(w, layer, kernelMethod, weights, withWMax);
            }
        }

        private static void Unrolled(SourceWriter w, LayerMappingModel layer, string kernelMethod, string weights, bool withWMax)
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
                    w.Comment($"tile ({r}, {c}): matrix rows {rowStart}..{rowStart + rowCount - 1}, columns {colStart}..{colStart + colCount - 1}");
                    w.Call(kernelMethod, Arguments(
                        $"tiles[{Literal.Of((r * plan.TilesAlongColumns) + c)}]",
                        weights,
                        Literal.Of(plan.MatrixRows),
                        new[] { Literal.Of(rowStart), Literal.Of(rowCount), Literal.Of(colStart), Literal.Of(colCount) },
                        withWMax));
                }
            }
        }

        private static void Loop(SourceWriter w, LayerMappingModel layer, string kernelMethod, string weights, bool withWMax)
        {
            var plan = layer.Plan;
            var member = layer.Layer.MemberName;
            w.Comment($"{Literal.Plural(plan.TileCount, "tile")} ({plan.TilesAlongRows} x {plan.TilesAlongColumns}), too many to spell out: walk the tile plan row-major.");
            w.Comment($"Tile (r, c) is tiles[r * {plan.TilesAlongColumns} + c] and holds matrix rows from r * {plan.TileRows} and columns from c * {plan.WeightsPerTileRow},"
                      + $" {Edges(plan)}.");
            using (w.Block($"for (var r = 0; r < {member}.TilesAlongRows; r++)"))
            {
                using (w.Block($"for (var c = 0; c < {member}.TilesAlongColumns; c++)"))
                {
                    w.Line($"var block = {member}.Plan.Block(r, c);");
                    w.Call(kernelMethod, Arguments(
                        $"tiles[(r * {member}.TilesAlongColumns) + c]",
                        weights,
                        $"{member}.MatrixRows",
                        new[] { "block.RowStart", "block.RowCount", "block.ColumnStart", "block.ColumnCount" },
                        withWMax));
                }
            }
        }

        // The kernels' parameters, named so a call reads without the kernel's signature at hand.
        private static IReadOnlyList<string> Arguments(string tile, string weights, string matrixRows, string[] block, bool withWMax)
        {
            var arguments = new List<string>
            {
                $"tile: {tile}",
                $"weights: {weights}",
                $"matrixRows: {matrixRows}",
                $"rowStart: {block[0]}",
                $"rowCount: {block[1]}",
                $"colStart: {block[2]}",
                $"colCount: {block[3]}",
            };
            if (withWMax)
            {
                arguments.Add("wMax: wMax");
            }

            return arguments;
        }

        // Which tiles of the plan hold a partial block, for the comment above the loop.
        private static string Edges(TilePlanModel plan)
        {
            var lastRows = plan.MatrixRows - ((plan.TilesAlongRows - 1) * plan.TileRows);
            var lastColumns = plan.MatrixColumns - ((plan.TilesAlongColumns - 1) * plan.WeightsPerTileRow);
            var partial = new List<string>();
            if (lastRows < plan.TileRows)
            {
                partial.Add($"the last tile row holds {Literal.Plural(lastRows, "matrix row")}");
            }

            if (lastColumns < plan.WeightsPerTileRow)
            {
                partial.Add($"the last tile column holds {Literal.Plural(lastColumns, "matrix column")}");
            }

            return partial.Count == 0 ? "every block full" : string.Join(" and ", partial);
        }
    }
}
