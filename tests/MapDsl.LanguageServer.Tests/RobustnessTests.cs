using MapDsl.LanguageServer.Tests.Support;

namespace MapDsl.LanguageServer.Tests;

/// <summary>Bad messages get JSON-RPC errors; the server goes on answering.</summary>
public sealed class RobustnessTests
{
    private const string Shutdown = """{"jsonrpc":"2.0","id":99,"method":"shutdown"}""";

    [Fact]
    public async Task A_body_that_is_not_json_gets_a_parse_error_and_the_server_keeps_answering()
    {
        await using var connection = RawLspConnection.Start();

        await connection.SendAsync("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ");
        var error = await connection.ReceiveResponseAsync();

        error.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32700);
        error.GetProperty("id").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        await ShouldStillAnswer(connection);
    }

    [Fact]
    public async Task Json_that_is_not_a_json_rpc_message_gets_an_error()
    {
        await using var connection = RawLspConnection.Start();

        await connection.SendAsync("""{"hello": "world"}""");
        var error = await connection.ReceiveResponseAsync();

        error.GetProperty("error").GetProperty("code").GetInt32().ShouldBeLessThan(0);
        await ShouldStillAnswer(connection);
    }

    [Fact]
    public async Task An_unknown_method_gets_method_not_found()
    {
        await using var connection = RawLspConnection.Start();

        await connection.SendAsync("""{"jsonrpc":"2.0","id":7,"method":"textDocument/noSuchThing","params":{}}""");
        var error = await connection.ReceiveResponseAsync();

        error.GetProperty("id").GetInt32().ShouldBe(7);
        error.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32601);
        await ShouldStillAnswer(connection);
    }

    [Fact]
    public async Task Parameters_of_the_wrong_shape_get_an_error()
    {
        await using var connection = RawLspConnection.Start();

        await connection.SendAsync("""{"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":{"textDocument":42}}""");
        var error = await connection.ReceiveResponseAsync();

        error.GetProperty("id").GetInt32().ShouldBe(8);
        error.GetProperty("error").GetProperty("code").GetInt32().ShouldBeLessThan(0);
        await ShouldStillAnswer(connection);
    }

    [Fact]
    public async Task Shutdown_then_exit_ends_the_server_with_code_0()
    {
        await using var connection = RawLspConnection.Start();

        await connection.SendAsync(Shutdown);
        await connection.ReceiveResponseAsync();
        await connection.SendAsync("""{"jsonrpc":"2.0","method":"exit"}""");

        (await connection.Server.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(0);
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_the_server_with_code_1()
    {
        await using var connection = RawLspConnection.Start();

        await connection.SendAsync("""{"jsonrpc":"2.0","method":"exit"}""");

        (await connection.Server.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(1);
    }

    private static async Task ShouldStillAnswer(RawLspConnection connection)
    {
        await connection.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"processId":null,"capabilities":{}}}""");
        var response = await connection.ReceiveResponseAsync();
        response.GetProperty("id").GetInt32().ShouldBe(2);
        response.GetProperty("result").GetProperty("capabilities").GetProperty("hoverProvider").GetBoolean().ShouldBeTrue();
    }
}
