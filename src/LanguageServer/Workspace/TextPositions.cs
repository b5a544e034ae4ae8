using MapDsl.Generator.Parsing;
using MapDsl.LanguageServer.Protocol;

namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// Between parser spans (character offsets) and LSP positions (0-based line, UTF-16 character).
/// The span is clamped to the text exactly as XmapAnalyzer.LocationOf clamps it, so a diagnostic
/// sits at the same place in the editor and in a build.
/// </summary>
internal static class TextPositions
{
    public static Protocol.Range RangeOf(XmapFile file, SourceSpan span) => RangeOf(file, span.Start, span.End);

    public static Protocol.Range RangeOf(XmapFile file, int start, int end)
    {
        start = Math.Min(start, file.Text.Length);
        end = Math.Max(start, Math.Min(end, file.Text.Length));
        return new Protocol.Range(file.Lines.PositionOf(start), file.Lines.PositionOf(end));
    }

    /// <summary>The offset of an LSP position; a position past a line's end or the text's end is clamped.</summary>
    public static int OffsetOf(XmapFile file, Position position) => file.Lines.OffsetOf(position);
}
