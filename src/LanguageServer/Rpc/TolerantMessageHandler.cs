using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace MapDsl.LanguageServer.Rpc;

/// <summary>
/// LSP's header-delimited framing that survives a message it cannot read. StreamJsonRpc drops the
/// connection when a message body fails to deserialize; an editor would then lose its server over
/// one bad message. Here the body (already consumed from the pipe by the base class) is answered
/// with the JSON-RPC parse error, id null as the spec requires, and reading goes on with the next
/// message. Broken headers still end the connection: the frame boundary is lost then.
/// </summary>
internal sealed class TolerantMessageHandler(Stream sending, Stream receiving, IJsonRpcMessageFormatter formatter)
    : HeaderDelimitedMessageHandler(sending, receiving, formatter)
{
    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await base.ReadCoreAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsUnreadableBody(exception))
            {
                await WriteAsync(ParseError(exception), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsUnreadableBody(Exception exception) =>
        exception is not (OperationCanceledException or EndOfStreamException or BadRpcHeaderException or ObjectDisposedException or IOException);

    private static JsonRpcError ParseError(Exception exception) => new()
    {
        RequestId = RequestId.Null,
        Error = new JsonRpcError.ErrorDetail
        {
            Code = JsonRpcErrorCode.ParseError,
            Message = $"The message could not be read as JSON-RPC: {exception.Message}",
        },
    };
}
