namespace MapDsl.LanguageServer.Tests.Support;

/// <summary>LSP positions (0-based line and character) of text found in a document.</summary>
internal static class Caret
{
    /// <summary>Where <paramref name="target"/> starts inside the first occurrence of <paramref name="context"/>, plus <paramref name="shift"/>.</summary>
    public static (int Line, int Character) On(string text, string context, string? target = null, int shift = 0)
    {
        var at = text.IndexOf(context, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, $"'{context}' is not in the document");
        at += (target is null ? 0 : context.IndexOf(target, StringComparison.Ordinal)) + shift;
        var line = text[..at].Count(c => c == '\n');
        return (line, at - (text.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1));
    }

    /// <summary>The end of the text.</summary>
    public static (int Line, int Character) AtEnd(string text) => On(text + "\u0000", "\u0000");
}
