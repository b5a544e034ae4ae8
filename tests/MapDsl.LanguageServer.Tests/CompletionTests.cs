using System.Text.Json;
using System.Text.RegularExpressions;
using MapDsl.LanguageServer.Tests.Support;

namespace MapDsl.LanguageServer.Tests;

/// <summary>Completion of keywords and of declared names of the kind the grammar expects.</summary>
public sealed partial class CompletionTests
{
    private const string LeNet = "examples/xmap/lenet5.xmap";
    private static readonly string LeNetText = File.ReadAllText(RepositoryFiles.Path(LeNet));
    private const string Draft = "file:///tmp/lsp-tests/draft.xmap";
    private const string Hardware = "file:///tmp/lsp-tests/hardware.xmap";
    private const string HardwareText = "namespace Lab.LeNet;\n\nsystolic Tpu {\n    size 8 x 8;\n}\n";

    [Fact]
    public async Task After_the_arrow_the_targets_of_the_namespace_are_offered()
    {
        var labels = await LabelsAt("namespace Lab.LeNet;\n\nmapping Next: LeNet5 -> ");

        labels.ShouldBe(["Rram128", "Tpu"], ignoreOrder: true);
    }

    [Fact]
    public async Task After_for_the_networks_are_offered()
    {
        (await LabelsAt("namespace Lab.LeNet;\n\npruning Thin for ")).ShouldBe(["LeNet5"]);
    }

    [Fact]
    public async Task After_pruning_in_a_mapping_body_the_prunings_are_offered()
    {
        (await LabelsAt("namespace Lab.LeNet;\n\nmapping Next: LeNet5 -> Rram128 {\n    scheme offset;\n    pruning ")).ShouldBe(["Sparse"]);
    }

    [Fact]
    public async Task Names_of_another_namespace_are_offered_qualified()
    {
        (await LabelsAt("namespace Lab.Other;\n\nmapping Next: Lab.LeNet.LeNet5 -> ")).ShouldBe(["Lab.LeNet.Rram128", "Lab.LeNet.Tpu"], ignoreOrder: true);
    }

    [Fact]
    public async Task At_top_level_the_declaration_keywords_are_the_parsers()
    {
        var draft = "namespace Lab.LeNet;\n\nbogus X { }\n";
        var message = await FirstMessage(draft);
        var labels = await LabelsAt(draft, Caret.On(draft, "bogus"));

        labels.ShouldBe(Quoted(message, unquoted: true), ignoreOrder: true);
    }

    [Theory]
    [InlineData("crossbar C {\n    ", "crossbar C {\n    bogus 1;\n}\n")]
    [InlineData("systolic S {\n    ", "systolic S {\n    bogus 1;\n}\n")]
    [InlineData("network N {\n    input 4;\n    ", "network N {\n    input 4;\n    bogus 1;\n}\n")]
    [InlineData("mapping M: LeNet5 -> Rram128 {\n    ", "mapping M: LeNet5 -> Rram128 {\n    bogus 1;\n}\n")]
    [InlineData("faults F {\n    ", "faults F {\n    bogus 1;\n}\n")]
    [InlineData("pruning P for LeNet5 {\n    c1: ", "pruning P for LeNet5 {\n    c1: bogus 1;\n}\n")]
    public async Task In_a_body_the_keywords_are_those_the_parser_expects_there(string beforeCaret, string withBadStatement)
    {
        // The parser's own "expected 'a', 'b' or 'c'" for a bad statement is the list completion must offer.
        var message = await FirstMessage("namespace Lab.LeNet;\n\n" + withBadStatement);
        var labels = await LabelsAt("namespace Lab.LeNet;\n\n" + beforeCaret);

        labels.ShouldBe(Quoted(message), ignoreOrder: true);
    }

    [Fact]
    public async Task At_the_start_of_a_pruning_rule_the_weighted_layers_are_offered()
    {
        (await LabelsAt("namespace Lab.LeNet;\n\npruning P for LeNet5 {\n    ")).ShouldBe(["c1", "c2", "f1", "f2", "f3", "*"], ignoreOrder: true);
    }

    private static async Task<string[]> LabelsAt(string draft, (int, int)? caret = null)
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync((RepositoryFiles.Uri(LeNet), LeNetText), (Hardware, HardwareText), (Draft, draft));
        var items = await client.AtAsync("textDocument/completion", Draft, caret ?? Caret.AtEnd(draft));
        return [.. items.EnumerateArray().Select(i => i.GetProperty("label").GetString()!)];
    }

    private static async Task<string> FirstMessage(string draft)
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync((Draft, draft));
        return client.Diagnostics.First(d => d.Id == "XMAP0001" && d.Message.Contains("'bogus'", StringComparison.Ordinal)).Message;
    }

    /// <summary>The words quoted in a message but the offending one ('size', 'levels' or 'conductance'), or for the top level the list in parentheses.</summary>
    private static string[] Quoted(string message, bool unquoted = false) => unquoted
        ? [.. message[(message.IndexOf('(') + 1)..message.IndexOf(')')].Split(", ")]
        : [.. QuotedWord().Matches(message).Select(m => m.Groups[1].Value).Where(w => w != "bogus").Distinct()];

    [GeneratedRegex("'([a-z:-]+)'")]
    private static partial Regex QuotedWord();
}
