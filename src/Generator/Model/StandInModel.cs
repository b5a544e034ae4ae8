using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Model
{
    /// <summary>
    /// A declaration with errors, as the C# side sees it: its name and kind, the errors that keep it from binding, and
    /// (for a mapping or pruning) the weights type of its network when that is known. Emitted as a stand-in type (see
    /// <c>MapDsl.Runtime.Contract.StandIns.IStandIn</c>) so that C# code naming it still compiles and the build's first
    /// error is the XMAP error, not a CS0103 or CS0246 about a missing generated type.
    /// </summary>
    /// <param name="Keyword">The declaration's keyword (<c>network</c>, <c>mapping</c>, ...), for the stand-in's comments.</param>
    /// <param name="Errors">The cause, as the build prints it: <c>file(line,column): ID: message</c>, or the declaration it depends on that has errors.</param>
    /// <param name="NetworkWeights">The global name of the network's <c>Weights</c> for a mapping or pruning whose network is declared; null otherwise.</param>
    internal sealed record StandInModel(string Namespace, string Name, Origin Origin, DeclarationKind Kind, string Keyword, string Errors, string? NetworkWeights)
        : DeclarationModel(Namespace, Name, Origin);
}
