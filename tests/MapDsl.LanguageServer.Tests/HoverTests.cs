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
    public async Task A_mapping_shows_the_cells_each_layer_uses_and_the_utilisation()
    {
        var hover = await HoverAt(Caret.On(Text, "mapping TC", "TC"));

        // Two-column: two cells per weight; each tile has 128 x 128 = 16,384 cells.
        hover.ShouldContain("| c1 | 25 x 6 | 1 x 1 = 1 | 300 of 16,384 | 1.8% |");
        hover.ShouldContain("| f1 | 400 x 120 | 4 x 2 = 8 | 96,000 of 131,072 | 73.2% |");
        hover.ShouldContain("14 tiles in all, 122,940 of 229,376 cells used (53.6%)");
    }

    [Fact]
    public async Task A_pruning_rule_shows_the_units_it_prunes()
    {
        var hover = await HoverAt(Caret.On(Text, "f1: columns", "columns", shift: 2));

        hover.ShouldBe("`f1: columns 60%`:\n\n- f1 (400 x 120): prunes 72 of 120 crossbar columns (outputs), 28,800 weights");
    }

    [Fact]
    public async Task The_default_rule_shows_every_layer_it_reaches()
    {
        var hover = await HoverAt(Caret.On(Text, "*:  unstructured", "*"));

        hover.ShouldContain("every weighted layer without a rule of its own");
        hover.ShouldContain("- f2 (120 x 84): prunes 8,064 of 10,080 single weights");
        hover.ShouldContain("- f3 (84 x 10): prunes 672 of 840 single weights");
        hover.ShouldNotContain("- c1");
    }

    [Fact]
    public async Task A_rules_layer_adds_what_the_rule_prunes_of_it()
    {
        var hover = await HoverAt(Caret.On(Text, "c2: blocks", "c2"));

        // 150 x 16 in 8 x 8 blocks: 19 x 2 = 38 blocks (the edges partial), half of them pruned.
        hover.ShouldContain("crossbar matrix 150 x 16");
        hover.ShouldContain("prunes 19 of 38 blocks of 8 x 8");
    }

    [Fact]
    public async Task A_pruning_name_lists_the_rule_of_every_layer()
    {
        var hover = await HoverAt(Caret.On(Text, "pruning Sparse for", "Sparse"));

        hover.ShouldContain("| c1 | c1: none | nothing pruned |");
        hover.ShouldContain("| f3 | *: unstructured 80% | prunes 672 of 840 single weights |");
    }

    [Theory]
    [InlineData("stuck-on 2%", "2%", "stuck-on rate 2%: probability 0.02 per crossbar cell")]
    [InlineData("stuck-off 0.4%", "0.4%", "stuck-off rate 0.4%: probability 0.004 per crossbar cell")]
    [InlineData("c2: blocks 8x8 50%", "50%", "sparsity 50% = 0.5 of the layer's units")]
    public async Task A_rate_shows_its_fraction_and_unit(string context, string rate, string expected)
    {
        (await HoverAt(Caret.On(Text, context, rate, shift: 1))).ShouldStartWith(expected);
    }

    [Fact]
    public async Task A_rate_written_without_percent_shows_the_percentage_too()
    {
        const string uri = "file:///tmp/lsp-tests/rates.xmap";
        const string text = "faults F {\n    bit-flip 0.001;\n    pe 0.5;\n}\n";
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync((uri, text));

        var bitFlip = await client.AtAsync("textDocument/hover", uri, Caret.On(text, "0.001"));
        var pe = await client.AtAsync("textDocument/hover", uri, Caret.On(text, "0.5"));

        bitFlip.GetProperty("contents").GetProperty("value").GetString()!.ShouldStartWith("bit-flip rate 0.001: probability 0.001 (0.1%) per bit of every stored weight code");
        pe.GetProperty("contents").GetProperty("value").GetString()!.ShouldStartWith("pe rate 0.5: probability 0.5 (50%) per PE of the systolic array");
    }

    [Fact]
    public async Task A_declaration_with_errors_says_C_sharp_sees_a_stand_in_and_why()
    {
        const string uri = "file:///tmp/lsp-tests/broken.xmap";
        var text = Text.Replace("conv c2 16 kernel 5x5;", "conv c2 16 kernel 50x50;", StringComparison.Ordinal);
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync((uri, text));

        var network = await client.AtAsync("textDocument/hover", uri, Caret.On(text, "network LeNet5", "LeNet5"));
        var mapping = await client.AtAsync("textDocument/hover", uri, Caret.On(text, "mapping TC", "TC"));

        network.GetProperty("contents").GetProperty("value").GetString()!.ShouldBe(
            "network **LeNet5**: C# code gets a stand-in of it, whose members throw, until its errors are fixed  \n"
            + "network 'LeNet5' (broken.xmap line 10) has errors: broken.xmap(15,5): XMAP0102: conv c2: a 50x50 kernel does not fit a 14x14 input");
        mapping.GetProperty("contents").GetProperty("value").GetString()!.ShouldEndWith(
            "mapping 'TC' (broken.xmap line 32) names network 'LeNet5' (broken.xmap line 10) and pruning 'Sparse' (broken.xmap line 25), which have errors");
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
