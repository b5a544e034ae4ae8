namespace MapDsl.LanguageServer.Protocol;

// The document messages of the full-sync subset: open, change (whole text), close.

public sealed record TextDocumentIdentifier(string Uri);

public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

/// <summary>With full sync, each change carries the whole new text.</summary>
public sealed record TextDocumentContentChangeEvent(string Text);

public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

public sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, TextDocumentContentChangeEvent[] ContentChanges);

public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

public sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);
