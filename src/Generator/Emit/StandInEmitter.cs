using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// A declaration with errors becomes a stand-in (<see cref="StandInModel"/>): a type of the same name and contract,
    /// whose every member throws. C# code that names the declaration then compiles, so the build's errors are the XMAP
    /// ones alone, where before up to 22 CS0103 errors about the missing type came first, and a CS0246 in a member's
    /// signature stopped the compiler before the analyzers could report the XMAP error at all.
    /// </summary>
    /// <remarks>
    /// The contract members (mapping, pruning and weights interfaces) come from base classes in
    /// MapDsl.Runtime.Contract.StandIns, so the compiler keeps them complete; the fixed members of static classes
    /// (a target's size, a network's graph) are written here, a subset of <c>GeneratedNames</c>' own members of the
    /// kind. Members per layer cannot exist: the layers may be what failed. The stand-in is not marked obsolete: that
    /// would put a warning (or, as an error, a compiler error ahead of the XMAP one) at every use.
    /// </remarks>
    internal static class StandInEmitter
    {
        private const string StandIns = "global::MapDsl.Runtime.Contract.StandIns.";
        private const string IStandIn = StandIns + "IStandIn";

        public static string Emit(StandInModel standIn) => GeneratedFile.Write(standIn, w =>
        {
            var name = Naming.EscapeIdentifier(standIn.Name);
            w.Summary($"A stand-in: {standIn.Errors}.\n"
                      + "Fix the .xmap file and rebuild; until then this type only keeps C# code that names it compiling, and each of its members throws.");
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            switch (standIn.Kind)
            {
                case DeclarationKind.Network:
                    Network(w, standIn, name);
                    break;
                case DeclarationKind.Mapping:
                    Contract(w, standIn, name, standIn.NetworkWeights is { } mapped ? $"MappingStandIn<{name}, {mapped}>" : $"MappingStandIn<{name}>");
                    break;
                case DeclarationKind.Pruning:
                    Contract(w, standIn, name, standIn.NetworkWeights is { } pruned ? $"PruningStandIn<{name}, {pruned}>" : $"PruningStandIn<{name}>");
                    break;
                default:
                    Constants(w, standIn, name);
                    break;
            }
        });

        // A mapping or pruning: its contract from the runtime's base, its one instance as the real class has.
        private static void Contract(SourceWriter w, StandInModel standIn, string name, string baseClass)
        {
            using (w.Block($"public sealed partial class {name} : {StandIns}{baseClass}, {IStandIn}"))
            {
                ConstructorAndName(w, standIn, name);
                w.Line($"public static {name} {ContractNames.Instance} {{ get; }} = new {name}();");
                w.Line();
                Errors(w, standIn);
            }
        }

        // A network: static like the real one; its Weights carry the contract and the errors.
        private static void Network(SourceWriter w, StandInModel standIn, string name)
        {
            using (w.Block($"public static partial class {name}"))
            {
                w.Line($"public const string Name = {Literal.Of(standIn.Name)};");
                w.Line();
                Throwing(w, "global::MapDsl.Runtime.Engine.Graph.NetworkGraph", "Graph", "Weights");
                Throwing(w, "int", "WeightedLayerCount", "Weights");
                Throwing(w, $"{ContractNames.ReadOnlyList}<string>", "WeightedLayerNames", "Weights");
                Throwing(w, $"{ContractNames.ReadOnlyList}<{ContractNames.Mapping}<Weights>>", "Mappings", "Weights");
                Throwing(w, $"{ContractNames.ReadOnlyList}<{ContractNames.Pruning}<Weights>>", "Prunings", "Weights");
                w.Line();
                using (w.Block($"public sealed class Weights : {StandIns}NetworkWeightsStandIn<Weights>, {IStandIn}"))
                {
                    Errors(w, standIn);
                }

                // The runtime's model over the network's graph: constructing one reads Weights.Graph, which throws.
                w.Line();
                using (w.Block("public sealed class Model : global::MapDsl.Runtime.Engine.Graph.GraphModel<Weights>"))
                {
                    w.Line("public Model(int maxBatch = 256) : base(maxBatch)");
                    w.Line("{");
                    w.Line("}");
                }
            }
        }

        // A crossbar, systolic array or fault model: the constants every such declaration has, as throwing properties.
        private static void Constants(SourceWriter w, StandInModel standIn, string name)
        {
            using (w.Block($"public sealed partial class {name} : {IStandIn}"))
            {
                ConstructorAndName(w, standIn, name);
                foreach (var (type, member) in ConstantsOf(standIn.Kind))
                {
                    Throwing(w, type, member, name);
                }

                w.Line();
                Errors(w, standIn);
            }
        }

        // The members every declaration of the kind has, a subset of GeneratedNames' own members of the kind.
        private static (string Type, string Member)[] ConstantsOf(DeclarationKind kind) => kind switch
        {
            DeclarationKind.Crossbar => new[]
            {
                ("int", "Rows"), ("int", "Columns"), ("int", "Levels"), ("double", "GOff"), ("double", "GOn"), ("global::MapDsl.Runtime.Tiles.CrossbarSpec", "Spec"),
            },
            DeclarationKind.Systolic => new[] { ("int", "Rows"), ("int", "Columns"), ("global::MapDsl.Runtime.Tiles.SystolicSpec", "Spec") },
            _ => new[] { ("double", "StuckOn"), ("double", "StuckOff"), ("double", "BitFlip"), ("double", "Pe"), ("global::MapDsl.Runtime.Faults.FaultRates", "Rates") },
        };

        // Like the real class: no instances (the contract's one Instance aside), and the declaration's name as a constant.
        private static void ConstructorAndName(SourceWriter w, StandInModel standIn, string name)
        {
            w.Line($"private {name}()");
            w.Line("{");
            w.Line("}");
            w.Line();
            w.Line($"public const string Name = {Literal.Of(standIn.Name)};");
            w.Line();
        }

        private static void Throwing(SourceWriter w, string type, string member, string standIn) =>
            w.Line($"public static {type} {member} => throw {StandIns}DeclarationHasErrorsException.Of<{standIn}>();");

        // The cause, on a line of its own however long: a string literal does not wrap.
        private static void Errors(SourceWriter w, StandInModel standIn)
        {
            w.Line($"static string {IStandIn}.Errors =>");
            using (w.Indent())
            {
                w.Raw(Literal.Of(standIn.Errors) + ";");
            }
        }
    }
}
