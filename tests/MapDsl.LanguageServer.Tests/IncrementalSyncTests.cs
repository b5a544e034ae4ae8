using MapDsl.LanguageServer.Tests.Support;

namespace MapDsl.LanguageServer.Tests;

/// <summary>
/// Incremental sync: ranges in UTF-16 code units on lines ended by \n, \r\n or \r, applied in order
/// within one change message. After the edits, the diagnostics are those of a build of the edited text.
/// </summary>
public sealed class IncrementalSyncTests
{
    private const string Path = "/tmp/lsp-tests/incremental.xmap";
    private static readonly string Uri = new Uri(Path).AbsoluteUri;

    [Fact]
    public async Task The_server_asks_for_incremental_changes()
    {
        await using var client = await LspClient.StartAsync();

        client.Capabilities.GetProperty("capabilities").GetProperty("textDocumentSync").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task An_edit_after_a_surrogate_pair_counts_it_as_two_characters()
    {
        // The emoji is two UTF-16 code units: 'x' starts at character 11 of line 0 in LSP terms.
        const string text = "// 😀 chip x\ncrossbar C {\n    size 8 x 8;\n    levels 3;\n}\n";
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync((Uri, text));

        await client.ChangeAsync(Uri, 2, LspClient.Edit((0, 11), (0, 12), "y"), LspClient.Edit((2, 9), (2, 10), "0"));

        await ShouldMatchBuildOf(client, "// 😀 chip y\ncrossbar C {\n    size 0 x 8;\n    levels 3;\n}\n");
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public async Task Lines_end_at_every_kind_of_line_break(string newline)
    {
        var text = string.Join(newline, "crossbar C {", "    size 8 x 8;", "    levels 3;", "}", string.Empty);
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync((Uri, text));

        // Line 2 is "    levels 3;": make it "    levels 2;" (an even level count is fine alone), then break line 1.
        await client.ChangeAsync(Uri, 2, LspClient.Edit((2, 11), (2, 12), "0"), LspClient.Edit((1, 4), (1, 8), "sise"));

        var expected = string.Join(newline, "crossbar C {", "    sise 8 x 8;", "    levels 0;", "}", string.Empty);
        await ShouldMatchBuildOf(client, expected);
        client.DiagnosticsOf(Uri).Select(d => (d.Id, d.StartLine)).ShouldContain(("XMAP0001", 1));
    }

    [Fact]
    public async Task Changes_of_one_message_apply_one_after_the_other_and_may_span_lines()
    {
        const string text = "network N {\n    input 4;\n    dense a 2;\n}\n";
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync((Uri, text));

        await client.ChangeAsync(
            Uri,
            2,
            LspClient.Edit((1, 12), (2, 14), "\n    dense b 3;\n    dense a 2;"), // replaces across the line break
            LspClient.Edit((2, 10), (2, 11), "bb"),                          // on the text the first change left: "    dense bb 3;"
            LspClient.Edit((9, 0), (9, 0), "\nnetwork N { input 1; dense z 1; }\n")); // a line past the end is the end

        await ShouldMatchBuildOf(client, "network N {\n    input 4;\n    dense bb 3;\n    dense a 2;\n}\n\nnetwork N { input 1; dense z 1; }\n");
        client.DiagnosticsOf(Uri).Select(d => d.Id).ShouldBe(["XMAP0002"]);
    }

    [Fact]
    public async Task A_change_without_a_range_replaces_the_whole_text_and_hover_follows_the_edits()
    {
        const string text = "network N {\n    input 4;\n    dense a 2;\n}\n";
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync((Uri, text));

        await client.ChangeAsync(Uri, 2, new { text = "network M {\n    input 8;\n    dense a 2;\n}\n" });
        await client.ChangeAsync(Uri, 3, LspClient.Edit((1, 10), (1, 11), "16"));

        var hover = await client.AtAsync("textDocument/hover", Uri, (2, 11));
        hover.GetProperty("contents").GetProperty("value").GetString().ShouldBe("dense **a**: input 16 → output 2  \ncrossbar matrix 16 x 2 (rows x columns)");
    }

    private static async Task ShouldMatchBuildOf(LspClient client, string text)
    {
        var expected = await AnalyzerRun.DiagnosticsAsync((Path, text));
        client.DiagnosticsOf(Uri).Select(d => d.ToString()).Order().ShouldBe(expected.Select(d => d.ToString()).Order());

        // And the server's text is exactly the editor's: a fresh open of it gives the same.
        await using var fresh = await LspClient.StartAsync();
        await fresh.OpenAsync((Uri, text));
        fresh.DiagnosticsOf(Uri).ShouldBe(client.DiagnosticsOf(Uri), ignoreOrder: true);
    }
}
