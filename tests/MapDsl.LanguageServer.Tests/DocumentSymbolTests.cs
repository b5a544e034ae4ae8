using MapDsl.LanguageServer.Tests.Support;

namespace MapDsl.LanguageServer.Tests;

public sealed class DocumentSymbolTests
{
    [Fact]
    public async Task The_outline_lists_the_declarations_and_a_networks_layers()
    {
        const string file = "examples/xmap/lenet5.xmap";
        var text = File.ReadAllText(RepositoryFiles.Path(file));
        await using var client = await LspClient.StartAsync();
        await client.OpenFilesAsync(file);

        var symbols = (await client.RequestAsync("textDocument/documentSymbol", new { textDocument = new { uri = RepositoryFiles.Uri(file) } })).EnumerateArray().ToList();

        symbols.Select(s => s.GetProperty("name").GetString()).ShouldBe(["Rram128", "LeNet5", "Sparse", "TC", "DM", "StuckOnHeavy"]);
        var network = symbols[1];
        network.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldBe(["c1", "relu", "maxpool 2x2", "c2", "relu", "maxpool 2x2", "f1", "relu", "f2", "relu", "f3"]);
        var range = network.GetProperty("range");
        range.GetProperty("start").GetProperty("line").GetInt32().ShouldBe(Caret.On(text, "network LeNet5").Line);
        range.GetProperty("end").GetProperty("line").GetInt32().ShouldBe(Caret.On(text, "pruning Sparse").Line - 2);
    }
}
