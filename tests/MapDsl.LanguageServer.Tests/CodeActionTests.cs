using System.Text.Json;
using MapDsl.LanguageServer.Tests.Support;

namespace MapDsl.LanguageServer.Tests;

/// <summary>Quick fixes: applying the action's edit gives the fixed text, and the fixed text has no diagnostic left.</summary>
public sealed class CodeActionTests
{
    private const string Uri = "file:///tmp/lsp-tests/fixes.xmap";
    private const string Declarations = "namespace Lab;\n\ncrossbar Rram128 {\n    size 128 x 128;\n    levels 15;\n}\n\nnetwork LeNet {\n    input 64;\n    dense hidden 32;\n    relu;\n    dense out 10;\n}\n\n";

    [Theory]
    [InlineData("mapping M: LeNt -> Rram128 {\n    scheme offset;\n}\n", "LeNt", "mapping M: LeNet -> Rram128 {")]
    [InlineData("mapping M: LeNet -> Ram128 {\n    scheme offset;\n}\n", "Ram128", "mapping M: LeNet -> Rram128 {")]
    [InlineData("pruning P for LeNet {\n    hiden: rows 50%;\n}\n\nmapping M: LeNet -> Rram128 {\n    scheme offset;\n    pruning P;\n}\n", "hiden", "    hidden: rows 50%;")]
    [InlineData("pruning P for LeNet {\n    hidden: rows 50;\n}\n\nmapping M: LeNet -> Rram128 {\n    scheme offset;\n    pruning P;\n}\n", "50;", "    hidden: rows 50%;")]
    [InlineData("faults F {\n    stuck-on 2;\n}\n\nmapping M: LeNet -> Rram128 {\n    scheme offset;\n}\n", "on 2;", "    stuck-on 2%;")]
    public async Task The_fix_applied_gives_the_expected_text_and_clears_the_diagnostic(string body, string at, string fixedLine)
    {
        var text = Declarations + body;
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync((Uri, text));
        var error = client.DiagnosticsOf(Uri).Where(d => d.Severity == 1).ShouldHaveSingleItem();

        var actions = await ActionsAsync(client, Caret.On(text, at, at.Split(' ')[^1]));

        var action = actions.ShouldHaveSingleItem();
        action.GetProperty("kind").GetString().ShouldBe("quickfix");
        action.GetProperty("isPreferred").GetBoolean().ShouldBeTrue();
        action.GetProperty("diagnostics")[0].GetProperty("code").GetString().ShouldBe(error.Id);
        var fixedText = Edits.Apply(text, action.GetProperty("edit").GetProperty("changes").GetProperty(Uri).EnumerateArray());
        fixedText.Split('\n').ShouldContain(fixedLine);
        fixedText.Length.ShouldBe(text.Length + 1);

        await client.ChangeAsync(Uri, 2, new { text = fixedText });
        client.DiagnosticsOf(Uri).ShouldBeEmpty();
    }

    [Fact]
    public async Task Several_close_names_give_one_action_each_the_closest_preferred()
    {
        var text = Declarations.Replace("dense hidden 32;", "dense hidden_a 32;\n    dense hidden_b 32;", StringComparison.Ordinal)
                   + "pruning P for LeNet {\n    hidden_c: none;\n}\n\nmapping M: LeNet -> Rram128 {\n    scheme offset;\n    pruning P;\n}\n";
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync((Uri, text));

        var actions = await ActionsAsync(client, Caret.On(text, "hidden_c"));

        actions.Select(a => a.GetProperty("title").GetString()).ShouldBe(["Replace 'hidden_c' with 'hidden_a'", "Replace 'hidden_c' with 'hidden_b'"]);
        actions.Select(a => a.GetProperty("isPreferred").GetBoolean()).ShouldBe([true, false]);
    }

    [Fact]
    public async Task A_diagnostic_without_a_known_fix_and_a_clean_range_get_no_action()
    {
        var text = Declarations + "mapping M: Completely -> Rram128 {\n    scheme offset;\n}\n";
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync((Uri, text));

        (await ActionsAsync(client, Caret.On(text, "Completely"))).ShouldBeEmpty();
        (await ActionsAsync(client, Caret.On(text, "dense hidden"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_missing_semicolon_is_inserted_where_it_is_reported()
    {
        var text = Declarations.Replace("levels 15;", "levels 15", StringComparison.Ordinal) + "mapping M: LeNet -> Rram128 {\n    scheme offset;\n}\n";
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync((Uri, text));
        var error = client.DiagnosticsOf(Uri).ShouldHaveSingleItem();
        (error.Id, error.StartLine, error.StartCharacter, error.EndCharacter).ShouldBe(("XMAP0001", 4, 13, 13));

        var action = (await ActionsAsync(client, Caret.On(text, "levels 15", shift: 9))).ShouldHaveSingleItem();

        action.GetProperty("title").GetString().ShouldBe("Insert ';'");
        var fixedText = Edits.Apply(text, action.GetProperty("edit").GetProperty("changes").GetProperty(Uri).EnumerateArray());
        fixedText.ShouldBe(Declarations + "mapping M: LeNet -> Rram128 {\n    scheme offset;\n}\n");
        await client.ChangeAsync(Uri, 2, new { text = fixedText });
        client.DiagnosticsOf(Uri).ShouldBeEmpty();
    }

    private static async Task<List<JsonElement>> ActionsAsync(LspClient client, (int Line, int Character) at)
    {
        var position = new { line = at.Line, character = at.Character };
        var result = await client.RequestAsync("textDocument/codeAction", new
        {
            textDocument = new { uri = Uri },
            range = new { start = position, end = position },
            context = new { diagnostics = Array.Empty<object>() },
        });
        return [.. result.EnumerateArray()];
    }
}
