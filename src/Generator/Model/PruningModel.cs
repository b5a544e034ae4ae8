using MapDsl.Generator.Common;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Model
{
    /// <summary>
    /// The pruning rule that applies to one weighted layer, resolved from its own rule or the
    /// <c>*</c> default (<see cref="PruningKind.None"/> when neither exists). Fields a kind does
    /// not use are 0.
    /// </summary>
    internal sealed record LayerPruningModel(
        LayerModel Layer,
        PruningKind Kind,
        double Sparsity,
        int BlockRows,
        int BlockColumns,
        int Keep,
        int Group,
        string Source,
        int Line)
    {
        /// <summary>
        /// The fraction of the layer's weights the rule sets to zero: the declared fraction, 1 - keep / kernel size
        /// for a pattern, 1 - n / m for n:m, 0 for none.
        /// </summary>
        public double PrunedFraction => Kind switch
        {
            PruningKind.None => 0,
            PruningKind.Pattern => 1 - (double)Keep / (BlockRows * BlockColumns),
            PruningKind.NOfM => 1 - (double)Keep / Group,
            _ => Sparsity,
        };
    }

    /// <summary>A bound pruning declaration: one resolved rule per weighted layer of its network.</summary>
    internal sealed record PruningModel(string Namespace, string Name, Origin Origin, NetworkModel Network, EquatableArray<LayerPruningModel> Layers)
        : DeclarationModel(Namespace, Name, Origin);
}
