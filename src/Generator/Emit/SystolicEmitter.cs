using MapDsl.Generator.Model;

namespace MapDsl.Generator.Emit
{
    /// <summary><c>systolic X</c> becomes a static class of constants and a runtime <c>SystolicSpec</c>.</summary>
    internal static class SystolicEmitter
    {
        public static string Emit(SystolicModel systolic) => GeneratedFile.Write(systolic, w =>
        {
            w.Summary($"systolic {systolic.Name} ({systolic.Origin}): a weight-stationary array of {systolic.Rows} x {systolic.Columns} PEs.");
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            using (w.Block($"public static partial class {Naming.EscapeIdentifier(systolic.Name)}"))
            {
                w.Line($"public const string Name = {Literal.Of(systolic.Name)};");
                w.Summary("PE rows.");
                w.Line($"public const int Rows = {Literal.Of(systolic.Rows)};");
                w.Summary("PE columns.");
                w.Line($"public const int Columns = {Literal.Of(systolic.Columns)};");
                w.Summary("The array as the runtime sees it.");
                w.Line("public static global::MapDsl.Runtime.Tiles.SystolicSpec Spec { get; } = new global::MapDsl.Runtime.Tiles.SystolicSpec(Rows, Columns);");
            }
        });
    }
}
