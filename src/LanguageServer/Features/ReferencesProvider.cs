using MapDsl.LanguageServer.Protocol;
using MapDsl.LanguageServer.Workspace;

namespace MapDsl.LanguageServer.Features;

/// <summary>
/// Find references: every place in the project scope's files (open or read from disk) that names the
/// same declaration, layer or block as the name at the caret, resolved as the binder resolves them;
/// the declaration itself only when the client asks for it.
/// </summary>
internal static class ReferencesProvider
{
    public static Location[] References(WorkspaceSnapshot snapshot, XmapFile document, Position position, bool includeDeclaration)
    {
        var occurrence = NameOccurrences.At(document.Syntax, TextPositions.OffsetOf(document, position));
        if (occurrence is null || SymbolResolver.Resolve(snapshot, document, occurrence) is not { } symbol)
        {
            return [];
        }

        return
        [
            .. SymbolResolver.OccurrencesOf(snapshot, symbol)
                .Where(o => includeDeclaration || !o.Occurrence.IsDeclaration)
                .Select(o => Locations.Of(o.File, o.Occurrence.Name)),
        ];
    }
}
