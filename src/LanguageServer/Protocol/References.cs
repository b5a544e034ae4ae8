namespace MapDsl.LanguageServer.Protocol;

/// <summary><c>textDocument/references</c>: the name at a position; the declaration itself is listed only when asked.</summary>
public sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context);

public sealed record ReferenceContext(bool IncludeDeclaration);
