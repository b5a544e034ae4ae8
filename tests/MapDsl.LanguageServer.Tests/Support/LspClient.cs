using System.Text.Json;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace MapDsl.LanguageServer.Tests.Support;

/// <summary>
/// An editor in miniature: runs the real server in process over a full-duplex stream pair and
/// talks LSP JSON to it with a StreamJsonRpc client. Results are read as raw JSON, not through the
/// server's own protocol types, so the tests check the wire format the editor sees.
/// </summary>
internal sealed class LspClient : IAsyncDisposable
{
    private readonly JsonRpc _rpc;
    private readonly DiagnosticsInbox _inbox = new();

    private LspClient(Stream clientStream, Task<int> server)
    {
        Server = server;
        _rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, new SystemTextJsonFormatter()));
        _rpc.AddLocalRpcTarget(_inbox);
        _rpc.StartListening();
    }

    /// <summary>The <c>initialize</c> result.</summary>
    public JsonElement Capabilities { get; private set; }

    /// <summary>The server's run; its result is the exit code.</summary>
    public Task<int> Server { get; }

    /// <summary>Starts a server; with <paramref name="rootFolder"/>, that folder is the workspace (sent as rootUri).</summary>
    public static async Task<LspClient> StartAsync(object? initializationOptions = null, string? rootFolder = null)
    {
        var (clientStream, serverStream) = FullDuplexStream.CreatePair();
        var server = Task.Run(() => LanguageServerHost.RunAsync(serverStream, serverStream));
        var client = new LspClient(clientStream, server);
        var rootUri = rootFolder is null ? null : new Uri(rootFolder).AbsoluteUri;
        client.Capabilities = await client.RequestAsync("initialize", new { processId = (int?)null, rootUri, capabilities = new { }, initializationOptions });
        await client.NotifyAsync("initialized", new { });
        return client;
    }

    public Task<JsonElement> RequestAsync(string method, object parameters) =>
        _rpc.InvokeWithParameterObjectAsync<JsonElement>(method, parameters);

    public Task NotifyAsync(string method, object parameters) => _rpc.NotifyWithParameterObjectAsync(method, parameters);

    /// <summary>Opens documents one by one and waits until the server has published for all of them after the last open.</summary>
    public async Task OpenAsync(params (string Uri, string Text)[] documents)
    {
        var expected = _inbox.Count;
        foreach (var (uri, text) in documents)
        {
            _inbox.Opened(uri);
            await NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "xmap", version = 1, text } });
            expected += _inbox.OpenCount;
        }

        // Each open re-publishes every open document, one change after the other.
        await _inbox.WaitForAsync(expected);
    }

    public Task OpenFilesAsync(params string[] relativePaths) =>
        OpenAsync([.. relativePaths.Select(p => (RepositoryFiles.Uri(p), File.ReadAllText(RepositoryFiles.Path(p))))]);

    public IReadOnlyList<PublishedDiagnostic> Diagnostics => _inbox.Latest();

    public IReadOnlyList<PublishedDiagnostic> DiagnosticsOf(string uri) => [.. _inbox.Latest().Where(d => d.Uri == uri)];

    /// <summary>Sends one <c>didChange</c> and waits for the diagnostics the server publishes for that version.</summary>
    public async Task ChangeAsync(string uri, int version, params object[] changes)
    {
        await NotifyAsync("textDocument/didChange", new { textDocument = new { uri, version }, contentChanges = changes });
        await _inbox.WaitForVersionAsync(uri, version);
    }

    /// <summary>An incremental change: <paramref name="text"/> replaces the range from start to end.</summary>
    public static object Edit((int Line, int Character) start, (int Line, int Character) end, string text) => new
    {
        range = new { start = new { line = start.Line, character = start.Character }, end = new { line = end.Line, character = end.Character } },
        text,
    };

    public Task<JsonElement> AtAsync(string method, string uri, (int Line, int Character) position) =>
        RequestAsync(method, new { textDocument = new { uri }, position = new { line = position.Line, character = position.Character } });

    public async ValueTask DisposeAsync()
    {
        if (!Server.IsCompleted)
        {
            await RequestAsync("shutdown", new { });
            await NotifyAsync("exit", new { });
            await Server.WaitAsync(TimeSpan.FromSeconds(10));
        }

        _rpc.Dispose();
    }

    /// <summary>Receives <c>textDocument/publishDiagnostics</c>; keeps the latest set per document.</summary>
    private sealed class DiagnosticsInbox
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, JsonElement> _latest = new();
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private readonly HashSet<string> _opened = [];

        /// <summary>Publications for documents this client opened; those for the workspace's other files are not counted.</summary>
        public int Count { get; private set; }

        public int OpenCount
        {
            get
            {
                lock (_gate)
                {
                    return _opened.Count;
                }
            }
        }

        public void Opened(string uri)
        {
            lock (_gate)
            {
                _opened.Add(uri);
            }
        }

        [JsonRpcMethod("textDocument/publishDiagnostics", UseSingleObjectParameterDeserialization = true)]
        public void Publish(JsonElement parameters)
        {
            lock (_gate)
            {
                var uri = parameters.GetProperty("uri").GetString()!;
                _latest[uri] = parameters.Clone();
                Count += _opened.Contains(uri) ? 1 : 0;
                _changed.TrySetResult();
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public Task WaitForAsync(int count) => WaitUntilAsync(() => Count >= count);

        public Task WaitForVersionAsync(string uri, int version) =>
            WaitUntilAsync(() => _latest.TryGetValue(uri, out var p) && p.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.GetInt32() >= version);

        private async Task WaitUntilAsync(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    if (condition())
                    {
                        return;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(deadline - DateTime.UtcNow);
            }
        }

        public List<PublishedDiagnostic> Latest()
        {
            lock (_gate)
            {
                return [.. _latest.Values.SelectMany(Read)];
            }
        }

        private static IEnumerable<PublishedDiagnostic> Read(JsonElement parameters)
        {
            var uri = parameters.GetProperty("uri").GetString()!;
            foreach (var d in parameters.GetProperty("diagnostics").EnumerateArray())
            {
                var range = d.GetProperty("range");
                yield return new PublishedDiagnostic(
                    uri,
                    d.GetProperty("code").GetString()!,
                    range.GetProperty("start").GetProperty("line").GetInt32(),
                    range.GetProperty("start").GetProperty("character").GetInt32(),
                    range.GetProperty("end").GetProperty("line").GetInt32(),
                    range.GetProperty("end").GetProperty("character").GetInt32(),
                    d.GetProperty("severity").GetInt32(),
                    d.GetProperty("message").GetString()!);
            }
        }
    }
}
