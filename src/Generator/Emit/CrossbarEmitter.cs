using MapDsl.Generator.Model;

namespace MapDsl.Generator.Emit
{
    /// <summary><c>crossbar X</c> becomes a static class of constants and a runtime <c>CrossbarSpec</c>.</summary>
    internal static class CrossbarEmitter
    {
        public static string Emit(CrossbarModel crossbar) => GeneratedFile.Write(crossbar, w =>
        {
            w.Summary($"crossbar {crossbar.Name} ({crossbar.Origin}): {crossbar.Rows} x {crossbar.Columns} cells (wordlines x bitlines),\n"
                      + $"{crossbar.Levels} conductance levels between G_off and G_on ({crossbar.ConductanceText}).");
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            using (w.Block($"public static partial class {Naming.EscapeIdentifier(crossbar.Name)}"))
            {
                w.Line($"public const string Name = {Literal.Of(crossbar.Name)};");
                w.Summary("Wordlines: one per input of a tile.");
                w.Line($"public const int Rows = {Literal.Of(crossbar.Rows)};");
                w.Summary("Bitlines: cells per tile row.");
                w.Line($"public const int Columns = {Literal.Of(crossbar.Columns)};");
                w.Summary("Conductance levels a cell can be programmed to, equally spaced from G_off to G_on.");
                w.Line($"public const int Levels = {Literal.Of(crossbar.Levels)};");
                w.Summary("G_off: the high-resistance state (HRS), what a stuck-off cell reads.");
                w.Line($"public const double GOff = {Literal.Of(crossbar.GOff)};");
                w.Summary("G_on: the low-resistance state (LRS), what a stuck-on cell reads.");
                w.Line($"public const double GOn = {Literal.Of(crossbar.GOn)};");
                w.Summary("The tile type as the runtime sees it.");
                w.Line("public static global::MapDsl.Runtime.Tiles.CrossbarSpec Spec { get; } = new global::MapDsl.Runtime.Tiles.CrossbarSpec(Rows, Columns, Levels, GOff, GOn);");
            }
        });
    }
}
