using MapDsl.LanguageServer.Rpc;
using Microsoft.VisualStudio.Threading;
using StreamJsonRpc;

namespace MapDsl.LanguageServer;

/// <summary>
/// Runs the server over a pair of streams: stdin/stdout in the tool, in-memory streams in the tests.
/// </summary>
public static class LanguageServerHost
{
    /// <summary>
    /// Serves until the client sends <c>exit</c> or closes the stream. Returns the process exit
    /// code LSP prescribes: 0 after <c>shutdown</c> then <c>exit</c>, 1 otherwise.
    /// </summary>
    public static async Task<int> RunAsync(Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        var server = new XmapLanguageServer();
        using var rpc = new JsonRpc(new TolerantMessageHandler(output, input, LspFormatter.Create()))
        {
            // LSP is ordered: a change must be applied before the hover that follows it, and
            // shutdown before exit. StreamJsonRpc would otherwise dispatch messages concurrently.
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
        };
        rpc.AddLocalRpcTarget(server, new JsonRpcTargetOptions { DisposeOnDisconnect = false });
        server.Attach(rpc);
        rpc.StartListening();

        using var cancelled = cancellationToken.Register(rpc.Dispose);
        var finished = await Task.WhenAny(server.Exited, rpc.Completion).ConfigureAwait(false);
        if (finished != server.Exited)
        {
            return 1;
        }

        // Diagnostics of changes that came just before exit still reach the client.
        await server.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        return await server.Exited.ConfigureAwait(false) ? 0 : 1;
    }
}
