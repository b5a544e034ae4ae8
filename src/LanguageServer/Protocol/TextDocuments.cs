namespace MapDsl.LanguageServer.Protocol;

// The document messages: open, change (incremental or whole text), close.

public sealed record TextDocumentIdentifier(string Uri);

public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

/// <summary>
/// One change: <see cref="Text"/> replaces <see cref="Range"/> of the text as the previous change
/// left it, or the whole text when there is no range. (<c>rangeLength</c>, deprecated, is not read.)
/// </summary>
public sealed record TextDocumentContentChangeEvent(Range? Range, string Text);

public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

public sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, TextDocumentContentChangeEvent[] ContentChanges);

public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

public sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);

/// <summary><c>workspace/didChangeWatchedFiles</c>: files created (1), changed (2) or deleted (3) on disk.</summary>
public sealed record DidChangeWatchedFilesParams(FileEvent[] Changes);

public sealed record FileEvent(string Uri, int Type);
