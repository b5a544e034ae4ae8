using MapDsl.Generator.Parsing;
using MapDsl.LanguageServer.Workspace;

namespace MapDsl.LanguageServer.Features;

/// <summary>
/// What a name denotes: a declaration, or a layer or residual block (<see cref="Layer"/>, qualified)
/// of a network declaration. Two occurrences denote the same thing exactly when their symbols are equal.
/// </summary>
internal sealed record Symbol(DeclaredName Declaration, string? Layer);

/// <summary>Resolves names the way the binder does: in the file's namespace, or the namespace a dotted name gives.</summary>
internal static class SymbolResolver
{
    public static Symbol? Resolve(WorkspaceSnapshot snapshot, XmapFile file, NameOccurrence occurrence)
    {
        var ns = snapshot.NamespaceOf(file);
        if (occurrence.IsLayerName)
        {
            var network = snapshot.Resolve(ns, occurrence.Network!);
            return network is { Syntax: NetworkSyntax } ? new Symbol(network, occurrence.Layer) : null;
        }

        var declared = snapshot.Resolve(ns, occurrence.Name.Text);
        return declared is not null && occurrence.Kinds.Contains(declared.Syntax.Kind) ? new Symbol(declared, null) : null;
    }

    /// <summary>Where a symbol is declared: the declaration's name, or the layer's or block's name in its network.</summary>
    public static (XmapFile File, Identifier Name)? DeclarationOf(Symbol symbol)
    {
        var file = symbol.Declaration.File;
        if (symbol.Layer is null)
        {
            return (file, symbol.Declaration.Syntax.Name);
        }

        var network = symbol.Declaration.Syntax.Name.Text;
        var layer = NameOccurrences.Of(file.Syntax)
            .FirstOrDefault(o => o.Role is NameRole.LayerDeclaration or NameRole.BlockDeclaration && o.Network == network && o.Layer == symbol.Layer);
        return layer is null ? null : (file, layer.Name);
    }

    /// <summary>Every occurrence of the symbol in the snapshot's files, in file and text order.</summary>
    public static IEnumerable<(XmapFile File, NameOccurrence Occurrence)> OccurrencesOf(WorkspaceSnapshot snapshot, Symbol symbol) =>
        from file in snapshot.Files
        from occurrence in NameOccurrences.Of(file.Syntax)
        where occurrence.Name.Text.EndsWith(LastPart(symbol), StringComparison.Ordinal) && Resolve(snapshot, file, occurrence) == symbol
        select (file, occurrence);

    // A cheap filter before resolving: every name of the symbol ends with its last part.
    private static string LastPart(Symbol symbol)
    {
        var name = symbol.Layer ?? symbol.Declaration.Syntax.Name.Text;
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
