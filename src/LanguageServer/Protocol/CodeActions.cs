namespace MapDsl.LanguageServer.Protocol;

/// <summary>
/// <c>textDocument/codeAction</c>. The client's own copy of the diagnostics (<c>context</c>) is not
/// read: the fixes come from the server's current diagnostics of the range, which cannot be stale.
/// </summary>
public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range);

/// <summary>A quick fix: the edit, and the diagnostic it resolves.</summary>
public sealed record CodeAction(string Title, string Kind, Diagnostic[] Diagnostics, bool IsPreferred, WorkspaceEdit Edit);

/// <summary>Edits by document URI.</summary>
public sealed record WorkspaceEdit(IReadOnlyDictionary<string, TextEdit[]> Changes);

public sealed record TextEdit(Range Range, string NewText);

/// <summary>LSP's <c>CodeActionKind</c> values this server uses.</summary>
public static class CodeActionKind
{
    public const string QuickFix = "quickfix";
}
