using System.Linq;
using MapDsl.Generator.Model;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// How a pruning class implements the runtime's <c>IPruning&lt;TWeights&gt;</c>: per-layer rules with their
    /// sparsity, and the keep-masks of every layer in network order, the form masked training takes.
    /// </summary>
    internal static class PruningContractEmitter
    {
        public static string Interface(PruningModel pruning) => $"{ContractNames.Pruning}<{pruning.Network.GlobalName}.Weights>";

        public static void Write(SourceWriter w, PruningModel pruning)
        {
            var name = Naming.EscapeIdentifier(pruning.Name);
            var weights = $"{pruning.Network.GlobalName}.Weights";
            var typed = Interface(pruning);
            const string I = ContractNames.Pruning;
            w.Summary($"{pruning.Name} as a value of the runtime's pruning contract: {pruning.Network.Name}.Prunings and XmapDeclarations.Prunings list it.");
            w.Line($"public static {name} {ContractNames.Instance} {{ get; }} = new {name}();");
            w.Line();
            w.Summary("The rule of every weighted layer in network order, with the fraction of its weights it sets to zero.");
            ListProperty.Write(
                w,
                ContractNames.LayerPruning,
                "Layers",
                pruning.Layers.Select(l => $"new {ContractNames.LayerPruning}({Literal.Of(l.Layer.Name!)}, {Literal.Of(PruningEmitter.Short(l))}, {Literal.Of(l.PrunedFraction)})"));

            w.Line();
            w.Summary("The keep-masks these rules select from the weights, one per weighted layer in network order (true = kept).");
            using (w.Block($"public static {ContractNames.ReadOnlyList}<bool[]> Keep({weights} weights)"))
            {
                w.Line("global::System.ArgumentNullException.ThrowIfNull(weights);");
                var masks = string.Join(", ", pruning.Layers.Select(l => $"Keep{l.Layer.MemberName}(weights.{l.Layer.MemberName})"));
                w.Line($"return new bool[][] {{ {masks} }};");
            }

            w.Line();
            w.Line($"private {name}()");
            using (w.Block())
            {
            }

            w.Line();
            ExplicitMember.Write(w, "string", $"{I}.Name", "Name");
            ExplicitMember.Write(w, "string", $"{I}.Network", $"{pruning.Network.GlobalName}.Name");
            ExplicitMember.Write(w, $"{ContractNames.ReadOnlyList}<{ContractNames.LayerPruning}>", $"{I}.Layers", "Layers");
            ExplicitMember.Write(w, weights, $"{typed}.Apply({weights} weights)", "Apply(weights)");
            ExplicitMember.Write(w, "void", $"{typed}.ApplyInPlace({weights} weights)", "ApplyInPlace(weights)");
            ExplicitMember.Write(w, $"{ContractNames.ReadOnlyList}<bool[]>", $"{typed}.Keep({weights} weights)", "Keep(weights)");
        }
    }
}
