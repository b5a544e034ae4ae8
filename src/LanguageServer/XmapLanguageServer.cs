using MapDsl.LanguageServer.Features;
using MapDsl.LanguageServer.Protocol;
using MapDsl.LanguageServer.Workspace;
using StreamJsonRpc;

namespace MapDsl.LanguageServer;

/// <summary>
/// The LSP methods of the server, as a StreamJsonRpc target. Each request reads one bound snapshot
/// of the project scope its document is in (open documents and the workspace folder's files); each
/// document change re-binds that scope and publishes the diagnostics of every file the server knows,
/// open or not, since a change in one file can fix or break references in another.
/// </summary>
internal sealed class XmapLanguageServer
{
    private readonly WorkspaceDocuments _workspace = new(FallbackNamespace);
    private readonly TaskCompletionSource<bool> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Document changes are handled one at a time, so that an older set of diagnostics is never
    // published after a newer one (StreamJsonRpc may run handlers concurrently).
    private readonly SemaphoreSlim _changes = new(1, 1);
    // What was last published for each file that is not open, so that an edit re-publishes only the files whose
    // diagnostics it changed; an open document's are published after every change, with its version.
    // The snapshot they came from is kept too: a file whose scope was not re-bound cannot have new ones, so the edits
    // of one project do not re-check the files of every other on each keystroke.
    private readonly Dictionary<string, (WorkspaceSnapshot Snapshot, Protocol.Diagnostic[] Diagnostics)> _publishedUnopened = new(StringComparer.Ordinal);
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

    /// <summary>The workspace folders' files have been read at <c>initialize</c>: their problems are shown before any is opened.</summary>
    [JsonRpcMethod("initialized", UseSingleObjectParameterDeserialization = true)]
    public Task Initialized(EmptyParams parameters) => ChangeAndPublish(() => { }, []);

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

        var files = _workspace.AllFiles();
        var known = files.Select(f => f.File.Uri).ToHashSet(StringComparer.Ordinal);

        // A closed document outside the workspace folders, or a file deleted from them: its problems leave with it.
        foreach (var uri in closedUris.Concat(_publishedUnopened.Keys).Where(uri => !known.Contains(uri)).Distinct(StringComparer.Ordinal).ToList())
        {
            _publishedUnopened.Remove(uri);
            await Publish(new PublishDiagnosticsParams(uri, null, [])).ConfigureAwait(false);
        }

        // Files that are not open first, each only when its diagnostics changed; then every open document, so that a
        // client that has seen an open document's version has seen everything that change caused.
        foreach (var (snapshot, file) in files.Where(f => !f.File.IsOpen))
        {
            var closed = closedUris.Contains(file.Uri, StringComparer.Ordinal);
            var seen = _publishedUnopened.TryGetValue(file.Uri, out var last);
            if (!closed && seen && ReferenceEquals(last.Snapshot, snapshot))
            {
                continue;
            }

            var diagnostics = DiagnosticConverter.For(snapshot, file);
            _publishedUnopened[file.Uri] = (snapshot, diagnostics);
            if (closed || !seen || !last.Diagnostics.SequenceEqual(diagnostics))
            {
                await Publish(new PublishDiagnosticsParams(file.Uri, null, diagnostics)).ConfigureAwait(false);
            }
        }

        foreach (var (snapshot, document) in files.Where(f => f.File.IsOpen))
        {
            _publishedUnopened.Remove(document.Uri);
            await Publish(new PublishDiagnosticsParams(document.Uri, document.Version, DiagnosticConverter.For(snapshot, document))).ConfigureAwait(false);
        }
    }

    private Task Publish(PublishDiagnosticsParams diagnostics) =>
        _rpc!.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", diagnostics);
}
