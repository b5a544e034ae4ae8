using MapDsl.Generator.Parsing;
using MapDsl.LanguageServer.Protocol;
using MapDsl.LanguageServer.Workspace;

namespace MapDsl.LanguageServer.Features;

internal static class Locations
{
    public static Location Of(XmapFile file, Identifier name) => new(file.Uri, TextPositions.RangeOf(file, name.Span));
}
