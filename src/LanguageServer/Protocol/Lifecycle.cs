using System.Text.Json;

namespace MapDsl.LanguageServer.Protocol;

/// <summary>
/// What the client says at <c>initialize</c>: the workspace folders (whose .xmap files are indexed;
/// <c>rootUri</c> when the client sends no folders) and the optional root namespace for files under
/// no project (the generator's <c>RootNamespace</c>, for files without a namespace declaration).
/// </summary>
public sealed record InitializeParams(int? ProcessId, string? RootUri, WorkspaceFolder[]? WorkspaceFolders, XmapInitializationOptions? InitializationOptions);

public sealed record WorkspaceFolder(string Uri, string? Name);

public sealed record XmapInitializationOptions(string? RootNamespace);

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

public sealed record ServerInfo(string Name, string Version);

/// <summary>The capabilities of the server: incremental sync, hover, completion, definition, references, outline, quick fixes.</summary>
public sealed record ServerCapabilities(
    int TextDocumentSync,
    bool HoverProvider,
    CompletionOptions CompletionProvider,
    bool DefinitionProvider,
    bool ReferencesProvider,
    bool DocumentSymbolProvider,
    CodeActionOptions CodeActionProvider);

public sealed record CompletionOptions(string[] TriggerCharacters);

public sealed record CodeActionOptions(string[] CodeActionKinds);

/// <summary>Parameters of notifications that carry none worth reading (<c>initialized</c>).</summary>
public sealed record EmptyParams(JsonElement? Unused = null);

/// <summary>LSP's <c>TextDocumentSyncKind</c>.</summary>
public static class TextDocumentSyncKind
{
    public const int Full = 1;
    public const int Incremental = 2;
}
