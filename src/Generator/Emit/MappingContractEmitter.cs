using System.Collections.Generic;
using System.Linq;
using MapDsl.Generator.Model;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// How a mapping class implements the runtime's <c>IMapping&lt;TWeights&gt;</c>: its one <c>Instance</c> forwards
    /// every contract member to the static API, which stays the readable, typed way in. Members that take a chip
    /// check that the chip is this mapping's own <c>State</c>.
    /// </summary>
    internal static class MappingContractEmitter
    {
        public static string Interface(MappingModel mapping) => $"{ContractNames.Mapping}<{mapping.Network.GlobalName}.Weights>";

        /// <summary>The chip interface of the mapping's <c>State</c>.</summary>
        public static string ChipInterface(MappingModel mapping) => mapping.Crossbar is not null ? ContractNames.CrossbarChip : ContractNames.SystolicChip;

        /// <summary>The kinds of fault a chip of the mapping can have, as runtime enum values.</summary>
        public static IEnumerable<string> FaultKinds(MappingModel mapping)
        {
            if (mapping.Crossbar is not null)
            {
                yield return $"{ContractNames.FaultKind}.StuckOn";
                yield return $"{ContractNames.FaultKind}.StuckOff";
            }
            else
            {
                yield return $"{ContractNames.FaultKind}.Pe";
            }

            if (mapping.IsQuantized)
            {
                yield return $"{ContractNames.FaultKind}.BitFlip";
            }
        }

        /// <summary>The instance, the fault kinds, and the explicit contract members.</summary>
        public static void Write(SourceWriter w, MappingModel mapping)
        {
            var name = Naming.EscapeIdentifier(mapping.Name);
            var weights = $"{mapping.Network.GlobalName}.Weights";
            const string I = ContractNames.Mapping;
            var typed = Interface(mapping);
            var pruning = mapping.Pruning is null ? "null" : $"{mapping.Pruning.GlobalName}.{ContractNames.Instance}";
            var target = mapping.Crossbar?.GlobalName ?? mapping.Systolic!.GlobalName;

            w.Summary($"{mapping.Name} as a value of the runtime's mapping contract, for code written once for every mapping\n"
                      + $"(campaigns, reports): {mapping.Network.Name}.Mappings and XmapDeclarations.Mappings list it.");
            w.Line($"public static {name} {ContractNames.Instance} {{ get; }} = new {name}();");
            w.Line();
            w.Summary("The kinds of fault a chip of this mapping can have.");
            ListProperty.Write(w, ContractNames.FaultKind, "FaultKinds", FaultKinds(mapping));

            w.Line();
            w.Line($"private {name}()");
            using (w.Block())
            {
            }

            w.Line();
            // The contract: every member forwards to the static API above.
            var chip = $"{ContractNames.Chip} chip";
            var faultMap = "global::MapDsl.Runtime.Faults.FaultMap";
            ExplicitMember.Write(w, "string", $"{I}.Name", "Name");
            ExplicitMember.Write(w, "string", $"{I}.SchemeName", Literal.Of(mapping.SchemeWord));
            ExplicitMember.Write(w, "global::MapDsl.Runtime.Schemes.Scheme", $"{I}.Scheme", "Scheme");
            ExplicitMember.Write(w, "string", $"{I}.Network", $"{mapping.Network.GlobalName}.Name");
            ExplicitMember.Write(w, "string", $"{I}.Target", $"{target}.Name");
            ExplicitMember.Write(w, "bool", $"{I}.IsSystolic", mapping.Crossbar is null ? "true" : "false");
            ExplicitMember.Write(w, $"{ContractNames.Pruning}?", $"{I}.Pruning", pruning);
            ExplicitMember.Write(w, $"{ContractNames.Pruning}<{weights}>?", $"{typed}.Pruning", pruning);
            ExplicitMember.Write(w, "int", $"{I}.QuantizeBits", "QuantizeBits");
            ExplicitMember.Write(w, "global::MapDsl.Runtime.Quantization.Quantizer?", $"{I}.Quantizer", mapping.IsQuantized ? "Quantizer" : "null");
            ExplicitMember.Write(w, "bool", $"{I}.QuantizesBiases", mapping.QuantizesBiases ? "true" : "false");
            ExplicitMember.Write(w, $"{ContractNames.ReadOnlyList}<global::MapDsl.Runtime.Tiles.LayerPlan>", $"{I}.Layers", "Layers");
            ExplicitMember.Write(w, "int", $"{I}.TileCount", "TileCount");
            ExplicitMember.Write(w, "global::MapDsl.Runtime.Faults.MappingShape", $"{I}.Shape", "Shape");
            ExplicitMember.Write(w, $"{ContractNames.ReadOnlyList}<{ContractNames.FaultKind}>", $"{I}.FaultKinds", "FaultKinds");
            ExplicitMember.Write(w, ContractNames.Chip, $"{I}.CreateChip()", "new State()");
            ExplicitMember.Write(w, faultMap, $"{I}.SampleFaults(global::MapDsl.Runtime.Faults.FaultRates rates, ulong chip)", "SampleFaults(rates, chip)");
            ExplicitMember.Write(w, "void", $"{I}.Inject({chip}, {faultMap} faults)", "Inject(StateOf(chip), faults)");
            ExplicitMember.Write(w, ContractNames.Chip, $"{typed}.Map({weights} weights)", "Map(weights)");
            ExplicitMember.Write(w, "void", $"{typed}.Map({weights} weights, {chip})", "Map(weights, StateOf(chip))");
            ExplicitMember.Write(w, weights, $"{typed}.ReadBack({chip})", "ReadBack(StateOf(chip))");
            ExplicitMember.Write(w, "void", $"{typed}.ReadBack({chip}, {weights} into)", "ReadBack(StateOf(chip), into)");
            w.Line();
            w.Line($"private static State StateOf({ContractNames.Chip} chip) => {ContractNames.ChipOwnership}.Expect<State>(chip, Name);");
        }
    }
}
