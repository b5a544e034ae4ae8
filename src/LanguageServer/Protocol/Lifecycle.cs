using System.Text.Json;

namespace MapDsl.LanguageServer.Protocol;

/// <summary>
/// What the client says at <c>initialize</c>; the server needs only the optional root namespace
/// (the generator's <c>RootNamespace</c>, for files without a namespace declaration).
/// </summary>
public sealed record InitializeParams(int? ProcessId, XmapInitializationOptions? InitializationOptions);

public sealed record XmapInitializationOptions(string? RootNamespace);

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

public sealed record ServerInfo(string Name, string Version);

/// <summary>The capabilities of this increment: full sync, hover, completion, definition, outline.</summary>
public sealed record ServerCapabilities(
    int TextDocumentSync,
    bool HoverProvider,
    CompletionOptions CompletionProvider,
    bool DefinitionProvider,
    bool DocumentSymbolProvider);

public sealed record CompletionOptions(string[] TriggerCharacters);

/// <summary>Parameters of notifications that carry none worth reading (<c>initialized</c>).</summary>
public sealed record EmptyParams(JsonElement? Unused = null);

/// <summary>LSP's <c>TextDocumentSyncKind</c>.</summary>
public static class TextDocumentSyncKind
{
    public const int Full = 1;
}
