using System.Text;
using System.Text.Json;
using Nerdbank.Streams;

namespace MapDsl.LanguageServer.Tests.Support;

/// <summary>
/// A client without any JSON-RPC library: writes LSP frames byte for byte (malformed ones too)
/// and reads the server's frames back, so the tests see exactly what an editor would receive.
/// </summary>
internal sealed class RawLspConnection : IAsyncDisposable
{
    private readonly Stream _stream;

    private RawLspConnection(Stream stream, Task<int> server)
    {
        _stream = stream;
        Server = server;
    }

    public Task<int> Server { get; }

    public static RawLspConnection Start()
    {
        var (client, server) = FullDuplexStream.CreatePair();
        return new RawLspConnection(client, Task.Run(() => LanguageServerHost.RunAsync(server, server)));
    }

    public async Task SendAsync(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        await _stream.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length}\r\n\r\n"));
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>The next message from the server that has an <c>id</c> member (responses, not notifications).</summary>
    public async Task<JsonElement> ReceiveResponseAsync()
    {
        while (true)
        {
            var message = await ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(10));
            if (message.TryGetProperty("id", out _))
            {
                return message;
            }
        }
    }

    private async Task<JsonElement> ReceiveAsync()
    {
        var length = -1;
        string line;
        while ((line = await ReadLineAsync()).Length > 0)
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var body = new byte[length];
        await _stream.ReadExactlyAsync(body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> ReadLineAsync()
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            await _stream.ReadExactlyAsync(one);
            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }
    }

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();
}
