using MapDsl.LanguageServer.Protocol;

namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// Lines as LSP counts them: ended by <c>\n</c>, <c>\r\n</c> or <c>\r</c> only, characters in UTF-16
/// code units (a C# string's own units, so an offset into the string is a character count). Roslyn's
/// SourceText also breaks lines at U+0085, U+2028 and U+2029, which editors do not; positions sent to
/// or read from the editor therefore go through this map, never through SourceText.
/// </summary>
internal sealed class LineMap
{
    private readonly int[] _starts;
    private readonly string _text;

    public LineMap(string text)
    {
        _text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            if (text[i] is '\n' or '\r')
            {
                starts.Add(i + 1);
            }
        }

        _starts = [.. starts];
    }

    public int LineCount => _starts.Length;

    /// <summary>
    /// The offset of a position. A line past the end is the end of the text; a character past its
    /// line's end is the line's end, as LSP prescribes; negative numbers count as 0.
    /// </summary>
    public int OffsetOf(Position position)
    {
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= _starts.Length)
        {
            return _text.Length;
        }

        var start = _starts[position.Line];
        return start + Math.Clamp(position.Character, 0, ContentEnd(position.Line) - start);
    }

    /// <summary>The position of an offset (clamped to the text).</summary>
    public Position PositionOf(int offset)
    {
        offset = Math.Clamp(offset, 0, _text.Length);
        var line = Array.BinarySearch(_starts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        // An offset between \r and \n belongs to the line the pair ends.
        return new Position(line, Math.Min(offset, ContentEnd(line)) - _starts[line]);
    }

    /// <summary>Where a line's text ends, before its line break.</summary>
    private int ContentEnd(int line)
    {
        var end = line + 1 < _starts.Length ? _starts[line + 1] : _text.Length;
        while (end > _starts[line] && line + 1 < _starts.Length && _text[end - 1] is '\n' or '\r')
        {
            end--;
        }

        return end;
    }
}
