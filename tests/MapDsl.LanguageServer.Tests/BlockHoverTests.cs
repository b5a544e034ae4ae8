using MapDsl.LanguageServer.Tests.Support;

namespace MapDsl.LanguageServer.Tests;

/// <summary>Version 2 blocks (examples/xmap/resnet8.xmap): hover, outline and completion inside residual blocks.</summary>
public sealed class BlockHoverTests
{
    private const string ResNet = "examples/xmap/resnet8.xmap";
    private static readonly string Text = File.ReadAllText(RepositoryFiles.Path(ResNet));
    private static readonly string Uri = RepositoryFiles.Uri(ResNet);

    [Fact]
    public async Task A_block_name_shows_its_shapes_body_and_shortcut()
    {
        var hover = await HoverAt(Caret.On(Text, "residual r2", "r2"));

        hover.ShouldBe("residual **r2**: input 16x28x28 → output 32x14x14  \nbody: r2.a, r2.a_bn, r2.b, r2.b_bn  \nshortcut: r2.s, r2.s_bn");
    }

    [Fact]
    public async Task A_block_without_shortcut_statement_has_the_identity()
    {
        (await HoverAt(Caret.On(Text, "residual r1", "r1"))).ShouldEndWith("shortcut: identity");
    }

    [Fact]
    public async Task A_layer_inside_a_block_is_shown_under_its_qualified_name()
    {
        var r3 = Text.IndexOf("residual r3", StringComparison.Ordinal);
        var hover = await HoverAt(Caret.On(Text[r3..], "conv a", "a") is var (line, character) ? (line + Caret.On(Text, "residual r3").Line, character) : default);

        hover.ShouldBe("conv **r3.a**: input 32x14x14 → output 64x7x7  \ncrossbar matrix 288 x 64 (rows x columns)");
    }

    [Fact]
    public async Task A_qualified_rule_layer_shows_the_layer_and_what_the_rule_prunes()
    {
        var hover = await HoverAt(Caret.On(Text, "r2.a: unstructured", "r2.a", shift: 3));

        hover.ShouldStartWith("conv **r2.a**: input 16x28x28 → output 32x14x14");
        hover.ShouldContain("`r2.a: unstructured 50%`: prunes 2,304 of 4,608 single weights");
    }

    [Fact]
    public async Task A_dropout_rate_shows_its_fraction_and_unit()
    {
        (await HoverAt(Caret.On(Text, "dropout 20%", "20%"))).ShouldStartWith("dropout rate 20%: probability 0.2 per activation");
    }

    [Fact]
    public async Task The_outline_nests_a_blocks_layers_in_it()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenFilesAsync(ResNet);

        var symbols = (await client.RequestAsync("textDocument/documentSymbol", new { textDocument = new { uri = Uri } })).EnumerateArray().ToList();

        var network = symbols.Single(s => s.GetProperty("name").GetString() == "ResNet8");
        var r2 = network.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "r2");
        r2.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString())
            .ShouldBe(["a", "a_bn", "relu", "b", "b_bn", "s", "s_bn"]);
        r2.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32().ShouldBe(Caret.On(Text, "residual r2").Line);
        r2.GetProperty("range").GetProperty("end").GetProperty("line").GetInt32().ShouldBe(Caret.On(Text, "residual r3").Line - 2);
    }

    [Fact]
    public async Task Completion_after_a_block_name_and_dot_offers_qualified_layers_replacing_the_whole_word()
    {
        const string draftUri = "file:///tmp/lsp-tests/draft.xmap";
        const string draft = "namespace Lab.ResNet;\n\npruning P for ResNet8 {\n    r2.";
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync((Uri, Text), (draftUri, draft));

        var items = (await client.AtAsync("textDocument/completion", draftUri, Caret.AtEnd(draft))).EnumerateArray().ToList();

        var labels = items.Select(i => i.GetProperty("label").GetString()).ToList();
        labels.ShouldContain("r2.a");
        labels.ShouldContain("r2.s");
        labels.ShouldNotContain("r2.a_bn");
        var edit = items.First(i => i.GetProperty("label").GetString() == "r2.a").GetProperty("textEdit");
        edit.GetProperty("newText").GetString().ShouldBe("r2.a");
        edit.GetProperty("range").GetProperty("start").GetProperty("character").GetInt32().ShouldBe(4);
        edit.GetProperty("range").GetProperty("end").GetProperty("character").GetInt32().ShouldBe(7);
    }

    private static async Task<string> HoverAt((int Line, int Character) position)
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenFilesAsync(ResNet);
        var hover = await client.AtAsync("textDocument/hover", Uri, position);
        return hover.GetProperty("contents").GetProperty("value").GetString()!;
    }
}
