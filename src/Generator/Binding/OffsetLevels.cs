using MapDsl.Generator.Diagnostics;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>
    /// Offset mapping reads every weight against a reference cell at exactly G_mid = (G_off + G_on) / 2,
    /// and writes zero as G_mid. The L levels G_off + n (G_on - G_off) / (L - 1) include G_mid only
    /// when L is odd: with an even L, zero (and every pruned weight) is rounded half a step away and
    /// reads back as +-w_max / (L - 1). The mapping still works, so this is a warning (XMAP0104).
    /// </summary>
    internal static class OffsetLevels
    {
        public static void Check(MappingSyntax syntax, SchemeKind scheme, DeclarationModel? target, string path, BindContext context)
        {
            if (scheme != SchemeKind.Offset || target is not CrossbarModel crossbar || crossbar.Levels % 2 != 0)
            {
                return;
            }

            var levels = crossbar.Levels;
            // The neighbours that are valid level counts: at least 2, at most MaxLevels.
            var suggestion = levels == 2 ? "3" : levels == TargetBinder.MaxLevels ? $"{levels - 1}" : $"{levels - 1} or {levels + 1}";
            context.Report(
                DiagnosticCatalog.OffsetEvenLevels,
                path,
                syntax.Scheme!.Span,
                $"offset cannot represent zero on '{crossbar.Name}', which has an even number of levels ({levels}{(levels == 2 ? ", the default" : string.Empty)}): "
                + $"the reference G_mid = (G_off + G_on) / 2 lies halfway between two levels, so zero and pruned weights read back as {(levels == 2 ? "+-w_max" : $"+-w_max / {levels - 1}")}; "
                + $"give '{crossbar.Name}' an odd number of levels ({suggestion})");
        }
    }
}
