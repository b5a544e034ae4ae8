using MapDsl.Generator.Common;
using MapDsl.Generator.Diagnostics;

namespace MapDsl.Generator.Model
{
    /// <summary>
    /// Everything the .xmap files of one project declare, bound: the valid declarations (for the
    /// generator), every problem found (for the analyzers), and the declarations those problems
    /// broke (stand-ins, for the generator).
    /// </summary>
    internal sealed record BoundProgram(EquatableArray<DeclarationModel> Declarations, EquatableArray<XmapDiagnostic> Diagnostics)
    {
        /// <summary>The declarations with errors, for which the generator emits stand-ins instead of code; in file order.</summary>
        public EquatableArray<StandInModel> StandIns { get; init; } = EquatableArray<StandInModel>.Empty;
    }
}
