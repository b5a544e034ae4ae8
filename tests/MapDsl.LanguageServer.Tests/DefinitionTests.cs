using System.Text.Json;
using MapDsl.LanguageServer.Tests.Support;

namespace MapDsl.LanguageServer.Tests;

/// <summary>Go to definition across the open documents of a namespace.</summary>
public sealed class DefinitionTests
{
    private const string LeNet = "examples/xmap/lenet5.xmap";
    private static readonly string Text = File.ReadAllText(RepositoryFiles.Path(LeNet));
    private static readonly string Uri = RepositoryFiles.Uri(LeNet);

    [Fact]
    public async Task A_network_named_in_a_mapping_jumps_to_its_declaration()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenFilesAsync(LeNet);

        var location = await client.AtAsync("textDocument/definition", Uri, Caret.On(Text, "TC: LeNet5", "LeNet5", shift: 2));

        location.GetProperty("uri").GetString().ShouldBe(Uri);
        Start(location).ShouldBe(Caret.On(Text, "network LeNet5", "LeNet5"));
    }

    [Fact]
    public async Task A_network_of_another_open_document_of_the_namespace_is_found_there()
    {
        const string other = "file:///tmp/lsp-tests/experiment.xmap";
        const string text = "namespace Lab.LeNet;\n\nmapping Off: LeNet5 -> Rram128 {\n    scheme offset;\n}\n";
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync((Uri, Text), (other, text));

        var location = await client.AtAsync("textDocument/definition", other, Caret.On(text, "LeNet5"));

        location.GetProperty("uri").GetString().ShouldBe(Uri);
        Start(location).ShouldBe(Caret.On(Text, "network LeNet5", "LeNet5"));
    }

    [Fact]
    public async Task A_pruning_rules_layer_jumps_to_the_layer()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenFilesAsync(LeNet);

        var location = await client.AtAsync("textDocument/definition", Uri, Caret.On(Text, "c2: blocks", "c2"));

        Start(location).ShouldBe(Caret.On(Text, "conv c2", "c2"));
    }

    private static (int, int) Start(JsonElement location)
    {
        var start = location.GetProperty("range").GetProperty("start");
        return (start.GetProperty("line").GetInt32(), start.GetProperty("character").GetInt32());
    }
}
