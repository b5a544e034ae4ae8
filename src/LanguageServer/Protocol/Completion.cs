namespace MapDsl.LanguageServer.Protocol;

/// <summary>
/// A completion. Names carry a <see cref="TextEdit"/> over the whole word being typed, dots included,
/// so that an editor whose words stop at a dot still filters and replaces <c>r2.</c> as one word.
/// </summary>
public sealed record CompletionItem(string Label, int Kind, string? Detail, TextEdit? TextEdit = null);

/// <summary>The LSP <c>CompletionItemKind</c> values this server uses.</summary>
public static class CompletionItemKind
{
    public const int Class = 7;
    public const int Module = 9;
    public const int Property = 10;
    public const int Value = 12;
    public const int Keyword = 14;
    public const int Reference = 18;
    public const int Struct = 22;
}
