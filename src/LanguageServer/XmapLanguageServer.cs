using MapDsl.LanguageServer.Features;
using MapDsl.LanguageServer.Protocol;
using MapDsl.LanguageServer.Workspace;
using StreamJsonRpc;

namespace MapDsl.LanguageServer;

/// <summary>
/// The LSP methods of the server, as a StreamJsonRpc target. Each request reads one bound snapshot
/// of the project scope its document is in (open documents and the workspace folder's files); each
/// document change re-binds that scope and publishes the diagnostics of every open document, since
/// a change in one file can fix or break references in another.
/// </summary>
internal sealed class XmapLanguageServer
{
    private readonly WorkspaceDocuments _workspace = new(FallbackNamespace);
    private readonly TaskCompletionSource<bool> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Document changes are handled one at a time, so that an older set of diagnostics is never
    // published after a newer one (StreamJsonRpc may run handlers concurrently).
    private readonly SemaphoreSlim _changes = new(1, 1);
    private JsonRpc? _rpc;
    private bool _shutdownRequested;

    /// <summary>The analyzers' namespace for files without a namespace declaration when the project sets none.</summary>
    public const string FallbackNamespace = "MapDsl.Generated";

    /// <summary>Completes at <c>exit</c>, with whether <c>shutdown</c> came first (the exit code depends on it).</summary>
    public Task<bool> Exited => _exited.Task;

    public void Attach(JsonRpc rpc) => _rpc = rpc;

    /// <summary>Completes when no document change is being handled or published.</summary>
    public async Task WhenIdleAsync()
    {
        await _changes.WaitAsync().ConfigureAwait(false);
        _changes.Release();
    }

    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Initialize(InitializeParams parameters)
    {
        if (parameters.InitializationOptions?.RootNamespace is { Length: > 0 } rootNamespace)
        {
            _workspace.RootNamespace = rootNamespace;
        }

        // Folders supersede rootUri (LSP 3.6); only local folders can be read.
        var folders = parameters.WorkspaceFolders is { Length: > 0 } given ? given.Select(f => f.Uri) : parameters.RootUri is { } root ? [root] : [];
        foreach (var folder in folders.Where(IsLocalFolder))
        {
            _workspace.AddFolder(DocumentPaths.PathOf(folder));
        }

        var capabilities = new ServerCapabilities(
            TextDocumentSync: TextDocumentSyncKind.Incremental,
            HoverProvider: true,
            CompletionProvider: new CompletionOptions([">", " ", ":", "."]),
            DefinitionProvider: true,
            ReferencesProvider: true,
            DocumentSymbolProvider: true,
            CodeActionProvider: new CodeActionOptions([CodeActionKind.QuickFix]));
        return new InitializeResult(capabilities, new ServerInfo("mapdsl-lsp", typeof(XmapLanguageServer).Assembly.GetName().Version?.ToString() ?? "0"));
    }

    [JsonRpcMethod("initialized", UseSingleObjectParameterDeserialization = true)]
    public void Initialized(EmptyParams parameters)
    {
    }

    [JsonRpcMethod("shutdown")]
    public object? Shutdown()
    {
        _shutdownRequested = true;
        return null;
    }

    [JsonRpcMethod("exit")]
    public void Exit() => _exited.TrySetResult(_shutdownRequested);

    [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
    public Task DidOpen(DidOpenTextDocumentParams parameters) =>
        ChangeAndPublish(() => _workspace.Open(parameters.TextDocument.Uri, parameters.TextDocument.Version, parameters.TextDocument.Text), []);

    [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
    public Task DidChange(DidChangeTextDocumentParams parameters) =>
        ChangeAndPublish(() => _workspace.Change(parameters.TextDocument.Uri, parameters.TextDocument.Version, parameters.ContentChanges ?? []), []);

    [JsonRpcMethod("textDocument/didClose", UseSingleObjectParameterDeserialization = true)]
    public Task DidClose(DidCloseTextDocumentParams parameters) =>
        // A closed file's problems leave the editor with it.
        ChangeAndPublish(() => _workspace.Close(parameters.TextDocument.Uri), [parameters.TextDocument.Uri]);

    [JsonRpcMethod("textDocument/hover", UseSingleObjectParameterDeserialization = true)]
    public Hover? Hover(TextDocumentPositionParams parameters) =>
        WithDocument(parameters.TextDocument, (snapshot, document) => HoverProvider.Hover(snapshot, document, parameters.Position));

    [JsonRpcMethod("textDocument/completion", UseSingleObjectParameterDeserialization = true)]
    public CompletionItem[] Completion(TextDocumentPositionParams parameters) =>
        WithDocument(parameters.TextDocument, (snapshot, document) => CompletionProvider.Complete(snapshot, document, parameters.Position)) ?? [];

    [JsonRpcMethod("textDocument/definition", UseSingleObjectParameterDeserialization = true)]
    public Location? Definition(TextDocumentPositionParams parameters) =>
        WithDocument(parameters.TextDocument, (snapshot, document) => DefinitionProvider.Definition(snapshot, document, parameters.Position));

    [JsonRpcMethod("textDocument/references", UseSingleObjectParameterDeserialization = true)]
    public Location[] References(ReferenceParams parameters) =>
        WithDocument(parameters.TextDocument, (snapshot, document) =>
            ReferencesProvider.References(snapshot, document, parameters.Position, parameters.Context?.IncludeDeclaration ?? false)) ?? [];

    [JsonRpcMethod("textDocument/documentSymbol", UseSingleObjectParameterDeserialization = true)]
    public DocumentSymbol[] DocumentSymbols(DocumentSymbolParams parameters) =>
        WithDocument(parameters.TextDocument, (_, document) => DocumentSymbolProvider.Symbols(document)) ?? [];

    [JsonRpcMethod("textDocument/codeAction", UseSingleObjectParameterDeserialization = true)]
    public CodeAction[] CodeActions(CodeActionParams parameters) =>
        WithDocument(parameters.TextDocument, (snapshot, document) => CodeActionProvider.Actions(snapshot, document, parameters.Range)) ?? [];

    [JsonRpcMethod("workspace/didChangeWatchedFiles", UseSingleObjectParameterDeserialization = true)]
    public Task DidChangeWatchedFiles(DidChangeWatchedFilesParams parameters) =>
        ChangeAndPublish(
            () =>
            {
                foreach (var change in parameters.Changes ?? [])
                {
                    _workspace.DiskChanged(change.Uri);
                }
            },
            []);

    private static bool IsLocalFolder(string uri) =>
        System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile && Directory.Exists(parsed.LocalPath);

    /// <summary>Runs a feature on a document the server knows (open, or a workspace file); null for any other URI.</summary>
    private T? WithDocument<T>(TextDocumentIdentifier identifier, Func<WorkspaceSnapshot, XmapFile, T?> feature)
        where T : class =>
        identifier?.Uri is { } uri && _workspace.Find(uri) is var (snapshot, document) ? feature(snapshot, document) : null;

    private async Task ChangeAndPublish(Action change, string[] closedUris)
    {
        await _changes.WaitAsync().ConfigureAwait(false);
        try
        {
            change();
            await PublishDiagnostics(closedUris).ConfigureAwait(false);
        }
        finally
        {
            _changes.Release();
        }
    }

    private async Task PublishDiagnostics(string[] closedUris)
    {
        if (_rpc is null)
        {
            return;
        }

        foreach (var uri in closedUris)
        {
            await _rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, null, [])).ConfigureAwait(false);
        }

        foreach (var (snapshot, document) in _workspace.OpenFiles())
        {
            var diagnostics = new PublishDiagnosticsParams(document.Uri, document.Version, DiagnosticConverter.For(snapshot, document));
            await _rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", diagnostics).ConfigureAwait(false);
        }
    }
}
