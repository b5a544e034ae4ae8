using MapDsl.LanguageServer.Protocol;

namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// Applies the changes of one <c>didChange</c> in order, as LSP requires: each change's range is
/// read against the text the previous change left. A change without a range replaces the whole text
/// (what a full-sync client sends).
/// </summary>
internal static class TextChanges
{
    public static string Apply(string text, IEnumerable<TextDocumentContentChangeEvent> changes)
    {
        foreach (var change in changes)
        {
            text = Apply(text, change);
        }

        return text;
    }

    private static string Apply(string text, TextDocumentContentChangeEvent change)
    {
        var newText = change.Text ?? string.Empty;
        if (change.Range is null)
        {
            return newText;
        }

        var lines = new LineMap(text);
        var start = lines.OffsetOf(change.Range.Start);
        var end = lines.OffsetOf(change.Range.End);

        // A range given end first is taken as the span between the two positions.
        if (end < start)
        {
            (start, end) = (end, start);
        }

        return string.Concat(text.AsSpan(0, start), newText, text.AsSpan(end));
    }
}
