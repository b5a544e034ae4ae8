using System.Text.Json;
using MapDsl.LanguageServer.Tests.Support;

namespace MapDsl.LanguageServer.Tests;

/// <summary>
/// The workspace folder's .xmap files are bound with the open ones, per project: unopened files are
/// read from disk, open documents override them, and files without a namespace get the nearest
/// project's root namespace.
/// </summary>
public sealed class WorkspaceTests
{
    private const string Hardware = "namespace Lab.Chips;\n\ncrossbar Rram {\n    size 64 x 64;\n    levels 15;\n}\n";
    private const string Network = "namespace Lab.Chips;\n\nnetwork Mlp {\n    input 16;\n    dense h 8;\n    relu;\n    dense out 4;\n}\n";
    private const string Experiment = "namespace Lab.Chips;\n\nmapping Off: Mlp -> Rram {\n    scheme offset;\n}\n\nmapping Pairs: Mlp -> Rram {\n    scheme differential;\n}\n";

    [Fact]
    public async Task References_resolve_against_files_that_are_not_open()
    {
        using var workspace = new TempWorkspace(("chips/hardware.xmap", Hardware), ("chips/network.xmap", Network), ("chips/experiment.xmap", Experiment));
        await using var client = await LspClient.StartAsync(rootFolder: workspace.Root);
        await client.OpenAsync((workspace.Uri("chips/experiment.xmap"), Experiment));

        client.DiagnosticsOf(workspace.Uri("chips/experiment.xmap")).ShouldBeEmpty();
        var definition = await client.AtAsync("textDocument/definition", workspace.Uri("chips/experiment.xmap"), Caret.On(Experiment, "-> Rram", "Rram"));
        definition.GetProperty("uri").GetString().ShouldBe(workspace.Uri("chips/hardware.xmap"));
        Start(definition).ShouldBe(Caret.On(Hardware, "crossbar Rram", "Rram"));
    }

    [Fact]
    public async Task Without_the_workspace_folder_the_same_file_has_undeclared_references()
    {
        using var workspace = new TempWorkspace(("chips/hardware.xmap", Hardware), ("chips/network.xmap", Network), ("chips/experiment.xmap", Experiment));
        await using var client = await LspClient.StartAsync();
        await client.OpenAsync((workspace.Uri("chips/experiment.xmap"), Experiment));

        client.DiagnosticsOf(workspace.Uri("chips/experiment.xmap")).Select(d => d.Id).Distinct().ShouldBe(["XMAP0003"]);
    }

    [Fact]
    public async Task References_of_a_declaration_in_an_unopened_file_span_the_workspace()
    {
        using var workspace = new TempWorkspace(("chips/hardware.xmap", Hardware), ("chips/network.xmap", Network), ("chips/experiment.xmap", Experiment));
        await using var client = await LspClient.StartAsync(rootFolder: workspace.Root);
        await client.OpenAsync((workspace.Uri("chips/experiment.xmap"), Experiment));

        // Asked from the open file, about a network declared in a file that is not open.
        var withDeclaration = await References(client, workspace.Uri("chips/experiment.xmap"), Caret.On(Experiment, "Off: Mlp", "Mlp"), includeDeclaration: true);
        var without = await References(client, workspace.Uri("chips/experiment.xmap"), Caret.On(Experiment, "Off: Mlp", "Mlp"), includeDeclaration: false);

        withDeclaration.ShouldBe([
            ("chips/experiment.xmap", Caret.On(Experiment, "Off: Mlp", "Mlp")),
            ("chips/experiment.xmap", Caret.On(Experiment, "Pairs: Mlp", "Mlp")),
            ("chips/network.xmap", Caret.On(Network, "network Mlp", "Mlp")),
        ], ignoreOrder: true);
        without.ShouldBe([
            ("chips/experiment.xmap", Caret.On(Experiment, "Off: Mlp", "Mlp")),
            ("chips/experiment.xmap", Caret.On(Experiment, "Pairs: Mlp", "Mlp")),
        ], ignoreOrder: true);

        async Task<(string, (int, int))[]> References(LspClient c, string uri, (int Line, int Character) at, bool includeDeclaration)
        {
            var result = await c.RequestAsync("textDocument/references", new
            {
                textDocument = new { uri },
                position = new { line = at.Line, character = at.Character },
                context = new { includeDeclaration },
            });
            return [.. result.EnumerateArray().Select(l => (Relative(workspace, l.GetProperty("uri").GetString()!), Start(l)))];
        }
    }

    [Fact]
    public async Task An_open_document_overrides_the_file_on_disk_until_it_is_closed()
    {
        using var workspace = new TempWorkspace(("hardware.xmap", Hardware), ("network.xmap", Network), ("experiment.xmap", Experiment));
        await using var client = await LspClient.StartAsync(rootFolder: workspace.Root);
        await client.OpenAsync((workspace.Uri("experiment.xmap"), Experiment));

        // The editor renames the network without saving: the experiment's references break.
        await client.OpenAsync((workspace.Uri("network.xmap"), Network.Replace("Mlp", "Mlp2", StringComparison.Ordinal)));
        client.DiagnosticsOf(workspace.Uri("experiment.xmap")).Select(d => d.Message).ShouldContain("no network named 'Mlp' is declared in namespace Lab.Chips; did you mean 'Mlp2'?");

        // Closed without saving: the disk's text counts again.
        await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = workspace.Uri("network.xmap") } });
        await client.ChangeAsync(workspace.Uri("experiment.xmap"), 2, new { text = Experiment });
        client.DiagnosticsOf(workspace.Uri("experiment.xmap")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Problems_of_files_that_are_not_open_are_published_and_follow_edits_elsewhere()
    {
        var broken = Hardware.Replace("levels 15;", "levels 1;", StringComparison.Ordinal);
        using var workspace = new TempWorkspace(("hardware.xmap", broken), ("network.xmap", Network), ("experiment.xmap", Experiment));
        await using var client = await LspClient.StartAsync(rootFolder: workspace.Root);

        // Nothing open yet: the broken file's problem is shown anyway, as the build would report it.
        await client.OpenAsync((workspace.Uri("network.xmap"), Network));
        client.DiagnosticsOf(workspace.Uri("hardware.xmap")).Select(d => (d.Id, d.StartLine)).ShouldBe([("XMAP0202", 4)]);
        client.DiagnosticsOf(workspace.Uri("experiment.xmap")).ShouldBeEmpty();

        // Renaming the network in the open file breaks the unopened experiment's references, and renaming it back mends them.
        await client.ChangeAsync(workspace.Uri("network.xmap"), 2, new { text = Network.Replace("Mlp", "Mlp2", StringComparison.Ordinal) });
        client.DiagnosticsOf(workspace.Uri("experiment.xmap")).Select(d => d.Id).ShouldBe(["XMAP0003", "XMAP0003"]);
        await client.ChangeAsync(workspace.Uri("network.xmap"), 3, new { text = Network });
        client.DiagnosticsOf(workspace.Uri("experiment.xmap")).ShouldBeEmpty();

        // A deleted file's problems go with it.
        File.Delete(workspace.Path("hardware.xmap"));
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = workspace.Uri("hardware.xmap"), type = 3 } } });
        await client.ChangeAsync(workspace.Uri("network.xmap"), 4, new { text = Network });
        client.DiagnosticsOf(workspace.Uri("hardware.xmap")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_file_changed_on_disk_is_read_again_when_the_client_says_so()
    {
        using var workspace = new TempWorkspace(("hardware.xmap", Hardware), ("network.xmap", Network), ("experiment.xmap", Experiment));
        await using var client = await LspClient.StartAsync(rootFolder: workspace.Root);
        await client.OpenAsync((workspace.Uri("experiment.xmap"), Experiment));

        File.Delete(workspace.Path("hardware.xmap"));
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = workspace.Uri("hardware.xmap"), type = 3 } } });
        await client.ChangeAsync(workspace.Uri("experiment.xmap"), 2, new { text = Experiment });

        client.DiagnosticsOf(workspace.Uri("experiment.xmap")).Select(d => d.Message).ShouldContain("no crossbar or systolic array named 'Rram' is declared in namespace Lab.Chips");
    }

    [Fact]
    public async Task A_file_without_a_namespace_gets_the_root_namespace_of_the_nearest_csproj()
    {
        // hardware.xmap declares its namespace; design.xmap relies on the project's RootNamespace to be in it too.
        const string design = "network Mlp {\n    input 16;\n    dense out 4;\n}\n\nmapping Off: Mlp -> Rram {\n    scheme offset;\n}\n";
        using var workspace = new TempWorkspace(
            ("app/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <RootNamespace>Lab.Chips</RootNamespace>\n  </PropertyGroup>\n</Project>\n"),
            ("app/xmap/hardware.xmap", Hardware),
            ("app/xmap/design.xmap", design));
        await using var client = await LspClient.StartAsync(rootFolder: workspace.Root);
        await client.OpenAsync((workspace.Uri("app/xmap/design.xmap"), design));

        client.DiagnosticsOf(workspace.Uri("app/xmap/design.xmap")).ShouldBeEmpty();
        var hover = await client.AtAsync("textDocument/hover", workspace.Uri("app/xmap/design.xmap"), Caret.On(design, "-> Rram", "Rram"));
        hover.GetProperty("contents").GetProperty("value").GetString()!.ShouldContain("crossbar **Rram**: 64 x 64 cells");
    }

    [Fact]
    public async Task A_csproj_without_RootNamespace_gives_its_file_name_as_MSBuild_does()
    {
        const string design = "mapping Off: Mlp -> Rram {\n    scheme offset;\n}\n";
        using var workspace = new TempWorkspace(
            ("My Chips.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n"),
            ("hardware.xmap", Hardware.Replace("Lab.Chips", "Other", StringComparison.Ordinal)),
            ("network.xmap", WithoutNamespace(Network)),
            ("design.xmap", design));
        await using var client = await LspClient.StartAsync(rootFolder: workspace.Root);
        await client.OpenAsync((workspace.Uri("design.xmap"), design));

        // Mlp (no namespace) is found in My_Chips; Rram is in namespace Other, so it is not.
        client.DiagnosticsOf(workspace.Uri("design.xmap")).Select(d => d.Message)
            .ShouldBe(["no crossbar or systolic array named 'Rram' is declared in namespace My_Chips"]);
    }

    [Fact]
    public async Task Projects_are_bound_apart_as_their_builds_are()
    {
        // The same declarations in two projects are no duplicates; a reference does not reach the other project.
        using var workspace = new TempWorkspace(
            ("a/A.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n"),
            ("a/all.xmap", WithoutNamespace(Hardware + Network + Experiment)),
            ("b/B.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n"),
            ("b/all.xmap", "namespace Lab.Chips;\n" + WithoutNamespace(Hardware + Network)),
            ("b/experiment.xmap", Experiment));
        await using var client = await LspClient.StartAsync(rootFolder: workspace.Root);
        await client.OpenAsync((workspace.Uri("a/all.xmap"), File.ReadAllText(workspace.Path("a/all.xmap"))), (workspace.Uri("b/experiment.xmap"), Experiment));

        client.DiagnosticsOf(workspace.Uri("a/all.xmap")).ShouldBeEmpty();
        client.DiagnosticsOf(workspace.Uri("b/experiment.xmap")).ShouldBeEmpty();
        var definition = await client.AtAsync("textDocument/definition", workspace.Uri("b/experiment.xmap"), Caret.On(Experiment, "-> Rram", "Rram"));
        definition.GetProperty("uri").GetString().ShouldBe(workspace.Uri("b/all.xmap"));
    }

    [Theory]
    [InlineData("../shared/network.xmap")]
    [InlineData("../shared/*.xmap")]
    [InlineData("..\\shared\\**\\*.xmap")]
    public async Task A_file_a_project_lists_from_another_folder_is_bound_with_the_project(string include)
    {
        const string experiment = "namespace Lab.Experiment;\n\nmapping Off: Lab.Chips.Mlp -> Rram {\n    scheme offset;\n}\n\ncrossbar Rram {\n    size 64 x 64;\n    levels 15;\n}\n";
        using var workspace = new TempWorkspace(
            ("app/App.csproj", $"<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <AdditionalFiles Include=\"{include}\" />\n  </ItemGroup>\n</Project>\n"),
            ("app/experiment.xmap", experiment),
            ("shared/network.xmap", Network));
        await using var client = await LspClient.StartAsync(rootFolder: workspace.Root);
        await client.OpenAsync((workspace.Uri("app/experiment.xmap"), experiment));

        client.DiagnosticsOf(workspace.Uri("app/experiment.xmap")).ShouldBeEmpty();
        var definition = await client.AtAsync("textDocument/definition", workspace.Uri("app/experiment.xmap"), Caret.On(experiment, "Mlp"));
        definition.GetProperty("uri").GetString().ShouldBe(workspace.Uri("shared/network.xmap"));
    }

    [Fact]
    public async Task With_this_repository_as_workspace_the_examples_have_the_diagnostics_of_their_builds()
    {
        // differential.xmap names Lab.ResNet.ResNet8, which its project lists from examples/xmap.
        const string differential = "examples/DifferentialMapping/differential.xmap";
        const string lenet = "examples/xmap/lenet5.xmap";
        await using var client = await LspClient.StartAsync(rootFolder: RepositoryFiles.Root);
        await client.OpenFilesAsync(differential, lenet);

        var expected = await AnalyzerRun.DiagnosticsAsync([RepositoryFiles.Path(differential), RepositoryFiles.Path("examples/xmap/resnet8.xmap")]);
        client.DiagnosticsOf(RepositoryFiles.Uri(differential)).ShouldBe(expected.Where(d => d.Uri == RepositoryFiles.Uri(differential)), ignoreOrder: true);
        client.DiagnosticsOf(RepositoryFiles.Uri(lenet)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Files_under_no_project_are_bound_with_their_own_folder_only()
    {
        // The same declarations in two loose folders are no duplicates, and one folder's names are not offered in the other.
        var one = Hardware + WithoutNamespace(Network) + "\ncrossbar Rram64 {\n    size 64 x 64;\n    levels 15;\n}\n";
        using var workspace = new TempWorkspace(("one/all.xmap", one), ("two/all.xmap", Hardware), ("two/draft.xmap", "namespace Lab.Chips;\n\nmapping M: Mlp -> "));
        await using var client = await LspClient.StartAsync(rootFolder: workspace.Root);
        await client.OpenAsync((workspace.Uri("one/all.xmap"), one));

        client.DiagnosticsOf(workspace.Uri("one/all.xmap")).Select(d => d.Id).ShouldBe(["XMAP0301", "XMAP0301"]);
        var labels = (await client.AtAsync("textDocument/completion", workspace.Uri("two/draft.xmap"), (2, 18))).EnumerateArray().Select(i => i.GetProperty("label").GetString());
        labels.ShouldBe(["Rram"]);
    }

    private static string WithoutNamespace(string text) => text.Replace("namespace Lab.Chips;", string.Empty, StringComparison.Ordinal);

    private static string Relative(TempWorkspace workspace, string uri) =>
        Path.GetRelativePath(workspace.Root, new Uri(uri).LocalPath).Replace('\\', '/');

    private static (int, int) Start(JsonElement location)
    {
        var start = location.GetProperty("range").GetProperty("start");
        return (start.GetProperty("line").GetInt32(), start.GetProperty("character").GetInt32());
    }
}
