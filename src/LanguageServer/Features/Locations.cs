using MapDsl.Generator.Parsing;
using MapDsl.LanguageServer.Protocol;
using MapDsl.LanguageServer.Workspace;

namespace MapDsl.LanguageServer.Features;

/// <summary>The LSP location of a name in a file.</summary>
internal static class Locations
{
    public static Location Of(XmapFile file, Identifier name) => new(file.Uri, TextPositions.RangeOf(file, name.Span));
}
