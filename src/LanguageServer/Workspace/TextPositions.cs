using MapDsl.Generator.Parsing;
using MapDsl.LanguageServer.Protocol;
using Microsoft.CodeAnalysis.Text;

namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// Between parser spans (character offsets) and LSP positions (0-based line, UTF-16 character).
/// The span is clamped to the text exactly as XmapAnalyzer.LocationOf clamps it, so a diagnostic
/// sits at the same place in the editor and in a build.
/// </summary>
internal static class TextPositions
{
    public static Protocol.Range RangeOf(SourceText text, SourceSpan span)
    {
        var start = Math.Min(span.Start, text.Length);
        var end = Math.Min(span.End, text.Length);
        var lines = text.Lines.GetLinePositionSpan(TextSpan.FromBounds(start, end));
        return new Protocol.Range(PositionOf(lines.Start), PositionOf(lines.End));
    }

    public static Protocol.Range RangeOf(SourceText text, int start, int end) =>
        RangeOf(text, new SourceSpan(start, end - start, 0, 0));

    /// <summary>The offset of an LSP position; a position past a line's end or the text's end is clamped.</summary>
    public static int OffsetOf(SourceText text, Position position)
    {
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= text.Lines.Count)
        {
            return text.Length;
        }

        var line = text.Lines[position.Line];
        return line.Start + Math.Clamp(position.Character, 0, line.End - line.Start);
    }

    private static Position PositionOf(LinePosition position) => new(position.Line, position.Character);
}
