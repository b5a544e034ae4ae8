using MapDsl.LanguageServer.Protocol;
using MapDsl.LanguageServer.Workspace;

namespace MapDsl.LanguageServer.Features;

/// <summary>
/// Go to definition: a reference jumps to the declaration it names in any file of its project scope
/// (open or not), a pruning rule's layer to the layer in its network (inside a block too), a
/// declaration to itself.
/// </summary>
internal static class DefinitionProvider
{
    public static Location? Definition(WorkspaceSnapshot snapshot, XmapFile document, Position position)
    {
        var occurrence = NameOccurrences.At(document.Syntax, TextPositions.OffsetOf(document, position));
        if (occurrence is null)
        {
            return null;
        }

        if (occurrence.IsDeclaration)
        {
            return Locations.Of(document, occurrence.Name);
        }

        return SymbolResolver.Resolve(snapshot, document, occurrence) is { } symbol && SymbolResolver.DeclarationOf(symbol) is var (file, name)
            ? Locations.Of(file, name)
            : null;
    }
}
