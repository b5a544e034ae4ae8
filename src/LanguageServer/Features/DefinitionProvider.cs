using MapDsl.Generator.Parsing;
using MapDsl.LanguageServer.Protocol;
using MapDsl.LanguageServer.Workspace;

namespace MapDsl.LanguageServer.Features;

/// <summary>
/// Go to definition: a reference jumps to the declaration it names in any open document of that
/// namespace, a pruning rule's layer to the layer in its network, a declaration to itself.
/// </summary>
internal static class DefinitionProvider
{
    public static Location? Definition(WorkspaceSnapshot snapshot, OpenDocument document, Position position)
    {
        var occurrence = NameOccurrences.At(document.Syntax, TextPositions.OffsetOf(document.Text, position));
        if (occurrence is null)
        {
            return null;
        }

        var ns = snapshot.NamespaceOf(document);
        switch (occurrence.Role)
        {
            case NameRole.Declaration or NameRole.LayerDeclaration:
                return LocationOf(document, occurrence.Name);
            case NameRole.Reference:
                var declared = snapshot.Resolve(ns, occurrence.Name.Text);
                return declared is not null && occurrence.Kinds.Contains(declared.Syntax.Kind) ? LocationOf(declared.Document, declared.Syntax.Name) : null;
            default:
                var network = snapshot.Resolve(ns, occurrence.Network!);
                var layer = (network?.Syntax as NetworkSyntax)?.Layers.FirstOrDefault(l => l.Name?.Text == occurrence.Name.Text);
                return layer is null ? null : LocationOf(network!.Document, layer.Name!);
        }
    }

    private static Location LocationOf(OpenDocument document, Identifier name) =>
        new(document.Uri, TextPositions.RangeOf(document.Text, name.Span));
}
