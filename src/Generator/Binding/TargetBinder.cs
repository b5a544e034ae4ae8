using MapDsl.Generator.Diagnostics;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>Binds the hardware declarations: crossbar tile types and systolic arrays.</summary>
    internal static class TargetBinder
    {
        /// <summary>Levels above this cannot be stored in the runtime's level index.</summary>
        public const int MaxLevels = 1 << 16;

        public static CrossbarModel? Bind(CrossbarSyntax syntax, string path, string ns, BindContext context)
        {
            var numbers = new NumberRules(context, path);
            var size = BindSize(syntax.Size, "crossbar", path, numbers, context);
            var levels = syntax.Levels is null ? 2 : numbers.Whole(syntax.Levels, "levels", min: 2, max: MaxLevels);
            var (gOff, gOn, text) = BindConductance(syntax, numbers);
            if (size is null || levels is null || gOff is null || gOn is null)
            {
                return null;
            }

            return new CrossbarModel(ns, syntax.Name.Text, new Origin(FileName(path), syntax.Name.Span.Line), size.Value.Rows, size.Value.Columns, levels.Value, gOff.Value, gOn.Value, text);
        }

        public static SystolicModel? Bind(SystolicSyntax syntax, string path, string ns, BindContext context)
        {
            var size = BindSize(syntax.Size, "systolic array", path, new NumberRules(context, path), context);
            return size is null
                ? null
                : new SystolicModel(ns, syntax.Name.Text, new Origin(FileName(path), syntax.Name.Span.Line), size.Value.Rows, size.Value.Columns);
        }

        internal static string FileName(string path)
        {
            var slash = System.Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash < 0 ? path : path.Substring(slash + 1);
        }

        private static (int Rows, int Columns)? BindSize(ShapeSyntax? size, string what, string path, NumberRules numbers, BindContext context)
        {
            if (size is null)
            {
                return null; // reported by the parser as a missing statement
            }

            if (size.Dimensions.Count != 2)
            {
                context.Report(DiagnosticCatalog.InvalidTileShape, path, size.Span, $"a {what} size needs two dimensions, ROWS x COLUMNS");
                return null;
            }

            var rows = numbers.Whole(size.Dimensions[0], "rows");
            var columns = numbers.Whole(size.Dimensions[1], "columns");
            return rows is null || columns is null ? null : (rows.Value, columns.Value);
        }

        private static (double? Off, double? On, string Text) BindConductance(CrossbarSyntax syntax, NumberRules numbers)
        {
            if (syntax.ConductanceOff is null || syntax.ConductanceOn is null)
            {
                return (0.0, 1.0, "0 .. 1 (normalised)");
            }

            var off = syntax.ConductanceOff;
            var on = syntax.ConductanceOn;
            var text = $"{off.Text} .. {on.Text}";
            if (!NumberRules.IsFinite(off.Value) || !NumberRules.IsFinite(on.Value))
            {
                numbers.Invalid(NumberRules.IsFinite(off.Value) ? on : off, "conductance is too large");
                return (null, null, text);
            }

            if (off.Value >= on.Value)
            {
                numbers.Invalid(off, $"G_off ({off.Text}) must be below G_on ({on.Text})");
                return (null, null, text);
            }

            return (off.Value, on.Value, text);
        }
    }
}
