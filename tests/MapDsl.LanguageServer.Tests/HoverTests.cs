using MapDsl.LanguageServer.Tests.Support;

namespace MapDsl.LanguageServer.Tests;

/// <summary>Hover on examples/xmap/lenet5.xmap: the numbers are those of docs/language.md ("The tile plan").</summary>
public sealed class HoverTests
{
    private const string LeNet = "examples/xmap/lenet5.xmap";
    private static readonly string Text = File.ReadAllText(RepositoryFiles.Path(LeNet));
    private static readonly string Uri = RepositoryFiles.Uri(LeNet);

    [Fact]
    public async Task A_conv_layer_shows_its_shapes_and_crossbar_matrix()
    {
        var hover = await HoverAt(Caret.On(Text, "conv c1", "c1", shift: 1));

        hover.ShouldContain("input 1x28x28 → output 6x28x28");
        hover.ShouldContain("crossbar matrix 25 x 6");
    }

    [Fact]
    public async Task A_dense_layer_named_in_a_pruning_rule_shows_the_networks_layer()
    {
        var hover = await HoverAt(Caret.On(Text, "f1: columns", "f1"));

        hover.ShouldContain("input 16x5x5 → output 120");
        hover.ShouldContain("crossbar matrix 400 x 120");
    }

    [Fact]
    public async Task A_mapping_shows_the_tiles_of_each_layer()
    {
        var hover = await HoverAt(Caret.On(Text, "mapping TC", "TC"));

        hover.ShouldContain("| c1 | 25 x 6 | 1 x 1 = 1 |");
        hover.ShouldContain("| c2 | 150 x 16 | 2 x 1 = 2 |");
        hover.ShouldContain("| f1 | 400 x 120 | 4 x 2 = 8 |");
        hover.ShouldContain("| f2 | 120 x 84 | 1 x 2 = 2 |");
        hover.ShouldContain("| f3 | 84 x 10 | 1 x 1 = 1 |");
        hover.ShouldContain("14 tiles in all");
    }

    [Fact]
    public async Task Whitespace_has_no_hover()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenFilesAsync(LeNet);

        var hover = await client.AtAsync("textDocument/hover", Uri, Caret.On(Text, "    size 128"));

        hover.ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    private static async Task<string> HoverAt((int Line, int Character) position)
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenFilesAsync(LeNet);
        var hover = await client.AtAsync("textDocument/hover", Uri, position);
        hover.GetProperty("contents").GetProperty("kind").GetString().ShouldBe("markdown");
        return hover.GetProperty("contents").GetProperty("value").GetString()!;
    }
}
