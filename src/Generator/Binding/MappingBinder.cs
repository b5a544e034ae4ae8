using System.Linq;
using MapDsl.Generator.Common;
using MapDsl.Generator.Diagnostics;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>
    /// Binds a mapping: resolves its network, target and pruning, checks that the target can hold
    /// the scheme (XMAP0103) and that pruning blocks align with its tiles (XMAP0101), and plans the
    /// tiles of every weighted layer.
    /// </summary>
    internal static class MappingBinder
    {
        /// <summary>The bound declarations a mapping refers to (null where they failed to bind).</summary>
        internal sealed record References(
            NetworkModel? Network,
            DeclarationModel? Target,
            PruningModel? Pruning,
            Located<PruningSyntax>? PruningSyntax,
            bool AllResolved);

        public static MappingModel? Bind(MappingSyntax syntax, string path, string ns, References refs, BindContext context)
        {
            var scheme = SchemeOf(syntax.Scheme?.Text);
            var bits = BindBits(syntax, path, context);
            var schemeOk = scheme is not null && CheckScheme(syntax, scheme.Value, refs.Target, path, context);
            var blocksOk = scheme is null || refs.Target is null || refs.PruningSyntax is null
                || CheckBlocks(refs.PruningSyntax, scheme.Value, refs.Target, context);

            if (!refs.AllResolved || !schemeOk || !blocksOk || bits is null || refs.Network is null || refs.Target is null
                || (syntax.Pruning is not null && refs.Pruning is null))
            {
                return null;
            }

            var nested = refs.Network.WeightedLayers.Select(l => Naming.ToPascal(l.Name!)).Append("State");
            if (!NetworkBinder.CheckTypeName(syntax.Name, "mapping", nested, path, context))
            {
                return null;
            }

            var (tileRows, tileColumns) = TileSize(refs.Target);
            var layers = refs.Network.WeightedLayers
                .Select(layer => new LayerMappingModel(
                    layer,
                    TilePlanner.Plan(layer, scheme!.Value, tileRows, tileColumns),
                    refs.Pruning?.Layers.First(p => p.Layer.Name == layer.Name)))
                .ToEquatableArray();
            return new MappingModel(
                ns,
                syntax.Name.Text,
                new Origin(TargetBinder.FileName(path), syntax.Name.Span.Line),
                refs.Network,
                refs.Target as CrossbarModel,
                refs.Target as SystolicModel,
                scheme!.Value,
                syntax.Scheme!.Text,
                refs.Pruning,
                bits.Value,
                layers);
        }

        public static SchemeKind? SchemeOf(string? word) => word switch
        {
            "two-column" => SchemeKind.TwoColumn,
            "differential" => SchemeKind.Differential,
            "offset" => SchemeKind.Offset,
            "weight-stationary" => SchemeKind.WeightStationary,
            _ => null,
        };

        private static int? BindBits(MappingSyntax syntax, string path, BindContext context) =>
            syntax.QuantizeBits is null ? 0 : new NumberRules(context, path).Whole(syntax.QuantizeBits, "bits", min: 1, max: 16);

        private static bool CheckScheme(MappingSyntax syntax, SchemeKind scheme, DeclarationModel? target, string path, BindContext context)
        {
            var span = syntax.Scheme!.Span;
            string? problem = target switch
            {
                SystolicModel s when scheme != SchemeKind.WeightStationary =>
                    $"scheme {syntax.Scheme.Text} places weights on crossbar cells, but '{s.Name}' is a systolic array; use weight-stationary",
                CrossbarModel c when scheme == SchemeKind.WeightStationary =>
                    $"scheme weight-stationary needs a systolic array, but '{c.Name}' is a crossbar; use two-column, differential or offset",
                CrossbarModel c when scheme is SchemeKind.TwoColumn or SchemeKind.Differential && c.Columns < 2 =>
                    $"scheme {syntax.Scheme.Text} needs two columns per weight, but '{c.Name}' has {NumberRules.Plural(c.Columns, "column")}",
                CrossbarModel c when scheme == SchemeKind.Offset && c.Columns < 2 =>
                    $"scheme offset needs a reference column besides the weights, but '{c.Name}' has {NumberRules.Plural(c.Columns, "column")}",
                _ => null,
            };
            if (problem is null)
            {
                return true;
            }

            context.Report(DiagnosticCatalog.UnsupportedScheme, path, span, problem);
            return false;
        }

        // Blocks live on a grid aligned with the tiles: the block height divides the tile's rows and
        // the block width divides the weights one tile row holds under this scheme.
        private static bool CheckBlocks(Located<PruningSyntax> pruning, SchemeKind scheme, DeclarationModel target, BindContext context)
        {
            var (tileRows, tileColumns) = TileSize(target);
            var weightsPerRow = TilePlanner.WeightsPerTileRow(scheme, tileColumns);
            var ok = true;
            foreach (var rule in pruning.Syntax.Rules.Where(r => r.Kind == PruningKind.Blocks && r.Block!.Dimensions.Count == 2))
            {
                var rows = rule.Block!.Dimensions[0].Value;
                var columns = rule.Block.Dimensions[1].Value;
                if (rows < 1 || columns < 1 || !rule.Block.Dimensions.All(d => d.IsWhole))
                {
                    continue; // an invalid number, reported by the pruning binder
                }

                var rowsFit = tileRows % rows == 0;
                var columnsFit = weightsPerRow % columns == 0;
                if (rowsFit && columnsFit)
                {
                    continue;
                }

                var why = !rowsFit
                    ? $"{rows} does not divide the {tileRows} rows of a tile"
                    : $"{columns} does not divide the {weightsPerRow} weights a tile row holds under {SchemeWord(scheme)}";
                context.Report(
                    DiagnosticCatalog.InvalidTileShape,
                    pruning.Path,
                    rule.Span,
                    $"{rule.Block.Dimensions[0].Text}x{rule.Block.Dimensions[1].Text} blocks do not tile {target.Name}: {why}");
                ok = false;
            }

            return ok;
        }

        private static (int Rows, int Columns) TileSize(DeclarationModel target) => target switch
        {
            CrossbarModel c => (c.Rows, c.Columns),
            SystolicModel s => (s.Rows, s.Columns),
            _ => (1, 1),
        };

        private static string SchemeWord(SchemeKind scheme) => scheme switch
        {
            SchemeKind.TwoColumn => "two-column",
            SchemeKind.Differential => "differential",
            SchemeKind.Offset => "offset",
            _ => "weight-stationary",
        };
    }
}
