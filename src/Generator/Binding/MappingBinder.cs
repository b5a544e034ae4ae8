using System.Linq;
using MapDsl.Generator.Common;
using MapDsl.Generator.Diagnostics;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>
    /// Binds a mapping: resolves its network, target and pruning, checks that the target can hold
    /// the scheme (XMAP0103, and XMAP0104 for offset on an even number of levels) and that pruning
    /// blocks align with its tiles (XMAP0101), and plans the tiles of every weighted layer.
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
            var quantize = BindQuantize(syntax, path, context);
            var schemeOk = scheme is not null && CheckScheme(syntax, scheme.Value, refs.Target, path, context);
            if (schemeOk)
            {
                OffsetLevels.Check(syntax, scheme!.Value, refs.Target, path, context);
            }

            var blocksOk = scheme is null || refs.Target is null || refs.PruningSyntax is null
                || CheckBlocks(refs.PruningSyntax, scheme.Value, refs.Target, context);

            if (!refs.AllResolved || !schemeOk || !blocksOk || !quantize.Ok || refs.Network is null || refs.Target is null
                || (syntax.Pruning is not null && refs.Pruning is null))
            {
                return null;
            }

            // The mapping type holds one plan class per layer: it cannot share a name with one.
            if (refs.Network.WeightedLayers.Select(l => l.MemberName).Contains(syntax.Name.Text))
            {
                context.Report(DiagnosticCatalog.DuplicateName, path, syntax.Name.Span, $"mapping '{syntax.Name.Text}' has the name of a layer of '{refs.Network.Name}', and its generated type holds a class of that name; rename it");
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
                quantize.Model,
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

        /// <summary>The quantize statement, bound; <c>ok</c> is false when it has an invalid number.</summary>
        private static (QuantizeModel? Model, bool Ok) BindQuantize(MappingSyntax syntax, string path, BindContext context)
        {
            if (syntax.Quantize is not { } quantize)
            {
                return (null, true);
            }

            var numbers = new NumberRules(context, path);
            var bits = numbers.Whole(quantize.Bits, "bits", min: 1, max: 16);
            double clip = 0;
            if (quantize.Clip is { } clipToken)
            {
                if (clipToken.IsPercent || clipToken.Unit is not null || !NumberRules.IsFinite(clipToken.Value) || clipToken.Value <= 0)
                {
                    numbers.Invalid(clipToken, $"clip must be a positive weight magnitude, found '{clipToken.Text}'");
                    return (null, false);
                }

                clip = clipToken.Value;
            }

            if (bits is null)
            {
                return (null, false);
            }

            if (bits == 1)
            {
                // One bit holds only the sign or the offset: every code grid needs it plus at least one magnitude bit.
                numbers.Invalid(quantize.Bits, "quantization needs at least 2 bits (a sign or offset bit and a magnitude bit)");
                return (null, false);
            }

            if (QuantizeWords.Bind(quantize.Words, path, context) is not { } choice)
            {
                return (null, false);
            }

            var source = QuantizeWords.Spell(bits.Value, choice.Asymmetric, choice.Unsigned, choice.Truncate, choice.Biases, clip > 0 ? NumberRules.Format(clip) : string.Empty);
            return (new QuantizeModel(bits.Value, choice.Asymmetric, choice.Unsigned, choice.Truncate, clip, source) { Biases = choice.Biases }, true);
        }

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
            foreach (var rule in pruning.Syntax.Rules.Where(r => r.Kind == PruningKind.Blocks && r.Block!.IsWindow))
            {
                var rows = rule.Block!.Height.Value;
                var columns = rule.Block.Width.Value;
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
                    $"{rule.Block.WindowText} blocks do not tile {target.Name}: {why}");
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
