using MapDsl.Generator.Model;

namespace MapDsl.Generator.Emit
{
    /// <summary><c>faults X</c> becomes a static class of typed rate constants.</summary>
    internal static class FaultsEmitter
    {
        public static string Emit(FaultsModel faults) => GeneratedFile.Write(faults, w =>
        {
            w.Summary($"faults {faults.Name} ({faults.Origin}): independent per-unit fault rates, as fractions.");
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            using (w.Block($"public static partial class {Naming.EscapeIdentifier(faults.Name)}"))
            {
                w.Line($"public const string Name = {Literal.Of(faults.Name)};");
                w.Summary($"stuck-on {Literal.Percent(faults.StuckOn)}: per ReRAM cell, the cell reads G_on (LRS, SA1) whatever is written.");
                w.Line($"public const double StuckOn = {Literal.Of(faults.StuckOn)};");
                w.Summary($"stuck-off {Literal.Percent(faults.StuckOff)}: per ReRAM cell, the cell reads G_off (HRS, SA0) whatever is written.");
                w.Line($"public const double StuckOff = {Literal.Of(faults.StuckOff)};");
                w.Summary($"bit-flip {Literal.Percent(faults.BitFlip)}: per stored bit of a quantized weight code, the bit is flipped.");
                w.Line($"public const double BitFlip = {Literal.Of(faults.BitFlip)};");
                w.Summary($"pe {Literal.Percent(faults.Pe)}: per PE of a systolic array, the PE is bypassed (its weights contribute 0).");
                w.Line($"public const double Pe = {Literal.Of(faults.Pe)};");
                // Summary escapes its text, so code is marked with backticks as elsewhere: a <c> tag would show as "&lt;c&gt;".
                w.Summary("All four rates, as the runtime's samplers take them (e.g. `DM.SampleFaults(Rates, chip)`).");
                w.Line("public static global::MapDsl.Runtime.Faults.FaultRates Rates { get; } = new global::MapDsl.Runtime.Faults.FaultRates(StuckOn, StuckOff, BitFlip, Pe);");
            }
        });
    }
}
