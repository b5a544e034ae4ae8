using MapDsl.Generator.Common;
using MapDsl.Generator.Diagnostics;

namespace MapDsl.Generator.Model
{
    /// <summary>
    /// Everything the .xmap files of one project declare, bound: the valid declarations (for the
    /// generator) and every problem found (for the analyzers).
    /// </summary>
    internal sealed record BoundProgram(EquatableArray<DeclarationModel> Declarations, EquatableArray<XmapDiagnostic> Diagnostics);
}
