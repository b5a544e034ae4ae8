using System.Text.Json;
using MapDsl.LanguageServer.Tests.Support;

namespace MapDsl.LanguageServer.Tests;

/// <summary>Find references of declarations, layers and layers inside residual blocks (examples/xmap).</summary>
public sealed class ReferencesTests
{
    private const string LeNet = "examples/xmap/lenet5.xmap";
    private const string ResNet = "examples/xmap/resnet8.xmap";
    private static readonly string LeNetText = File.ReadAllText(RepositoryFiles.Path(LeNet));
    private static readonly string ResNetText = File.ReadAllText(RepositoryFiles.Path(ResNet));

    [Fact]
    public async Task A_network_is_referenced_by_its_pruning_and_mappings()
    {
        var found = await ReferencesAsync(LeNet, Caret.On(LeNetText, "network LeNet5", "LeNet5"), includeDeclaration: false);

        found.ShouldBe([
            Caret.On(LeNetText, "for LeNet5", "LeNet5"),
            Caret.On(LeNetText, "TC: LeNet5", "LeNet5"),
            Caret.On(LeNetText, "DM: LeNet5", "LeNet5"),
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task Include_declaration_adds_the_declaration_itself()
    {
        var without = await ReferencesAsync(LeNet, Caret.On(LeNetText, "pruning Sparse;", "Sparse"), includeDeclaration: false);
        var with = await ReferencesAsync(LeNet, Caret.On(LeNetText, "pruning Sparse;", "Sparse"), includeDeclaration: true);

        with.Except(without).ShouldBe([Caret.On(LeNetText, "pruning Sparse for", "Sparse")]);
        without.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_layer_is_referenced_by_its_pruning_rule()
    {
        var found = await ReferencesAsync(LeNet, Caret.On(LeNetText, "conv c2", "c2"), includeDeclaration: true);

        found.ShouldBe([Caret.On(LeNetText, "conv c2", "c2"), Caret.On(LeNetText, "c2: blocks", "c2")]);
    }

    [Fact]
    public async Task A_layer_inside_a_block_is_found_by_its_qualified_name_and_not_confused_with_its_namesakes()
    {
        // r1, r2 and r3 each have a layer 'a'; the rule names r2.a.
        var r2 = ResNetText.IndexOf("residual r2", StringComparison.Ordinal);
        var declaration = Caret.On(ResNetText[..r2] + ResNetText[r2..].Replace("conv a 32", "conv \u0001 32", StringComparison.Ordinal), "\u0001");
        var found = await ReferencesAsync(ResNet, Caret.On(ResNetText, "r2.a: unstructured", "r2.a", shift: 3), includeDeclaration: true);

        found.ShouldBe([declaration, Caret.On(ResNetText, "r2.a: unstructured", "r2.a")]);
    }

    [Fact]
    public async Task Definition_of_a_qualified_rule_layer_jumps_into_its_block()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenFilesAsync(ResNet);

        var location = await client.AtAsync("textDocument/definition", RepositoryFiles.Uri(ResNet), Caret.On(ResNetText, "r3.s: columns", "r3.s"));

        var r3 = ResNetText.IndexOf("residual r3", StringComparison.Ordinal);
        var s = ResNetText.IndexOf("conv s", r3, StringComparison.Ordinal) + "conv ".Length;
        Start(location).ShouldBe(Caret.On(ResNetText[..s] + "\u0001" + ResNetText[s..], "\u0001"));
    }

    [Fact]
    public async Task Whitespace_has_no_references()
    {
        (await ReferencesAsync(LeNet, Caret.On(LeNetText, "    size 128"), includeDeclaration: true)).ShouldBeEmpty();
    }

    private static async Task<(int, int)[]> ReferencesAsync(string file, (int Line, int Character) at, bool includeDeclaration)
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenFilesAsync(file);
        var result = await client.RequestAsync("textDocument/references", new
        {
            textDocument = new { uri = RepositoryFiles.Uri(file) },
            position = new { line = at.Line, character = at.Character },
            context = new { includeDeclaration },
        });
        result.EnumerateArray().ShouldAllBe(l => l.GetProperty("uri").GetString() == RepositoryFiles.Uri(file));
        return [.. result.EnumerateArray().Select(Start)];
    }

    private static (int, int) Start(JsonElement location)
    {
        var start = location.GetProperty("range").GetProperty("start");
        return (start.GetProperty("line").GetInt32(), start.GetProperty("character").GetInt32());
    }
}
