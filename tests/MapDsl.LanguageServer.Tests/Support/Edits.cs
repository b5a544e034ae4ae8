using System.Text.Json;

namespace MapDsl.LanguageServer.Tests.Support;

/// <summary>
/// Applies LSP text edits to a text the way an editor does, written independently of the server: lines
/// end at \n, \r\n or \r, characters are UTF-16 code units.
/// </summary>
internal static class Edits
{
    public static string Apply(string text, IEnumerable<JsonElement> edits)
    {
        // Later edits first, so earlier offsets stay valid.
        var resolved = edits.Select(e => (Start: OffsetOf(text, e.GetProperty("range").GetProperty("start")), End: OffsetOf(text, e.GetProperty("range").GetProperty("end")), Text: e.GetProperty("newText").GetString()!))
            .OrderByDescending(e => e.Start)
            .ToList();
        foreach (var edit in resolved)
        {
            text = text[..edit.Start] + edit.Text + text[edit.End..];
        }

        return text;
    }

    public static int OffsetOf(string text, (int Line, int Character) position)
    {
        var offset = 0;
        for (var line = 0; line < position.Line; line++)
        {
            var next = text.IndexOfAny(['\r', '\n'], offset);
            if (next < 0)
            {
                return text.Length;
            }

            offset = next + (text[next] == '\r' && next + 1 < text.Length && text[next + 1] == '\n' ? 2 : 1);
        }

        var end = text.IndexOfAny(['\r', '\n'], offset);
        return offset + Math.Min(position.Character, (end < 0 ? text.Length : end) - offset);
    }

    private static int OffsetOf(string text, JsonElement position) =>
        OffsetOf(text, (position.GetProperty("line").GetInt32(), position.GetProperty("character").GetInt32()));
}
