using MapDsl.LanguageServer.Tests.Support;

namespace MapDsl.LanguageServer.Tests;

/// <summary>
/// The server publishes exactly what a build reports: for every .xmap file of the repository, and
/// for each folder's files bound together, the same rules at the same ranges with the same
/// messages and severities as the real XmapAnalyzer.
/// </summary>
public sealed class DiagnosticsParityTests
{
    public static TheoryData<string> Files => [.. RepositoryFiles.Xmap];

    public static TheoryData<string> Folders => [.. RepositoryFiles.Xmap.Select(p => Path.GetDirectoryName(p)!.Replace('\\', '/')).Distinct()];

    [Fact]
    public void The_repository_has_valid_and_invalid_xmap_files()
    {
        RepositoryFiles.Xmap.ShouldContain("examples/xmap/lenet5.xmap");
        RepositoryFiles.Xmap.ShouldContain("tests/MapDsl.Generator.Tests/Xmap/Invalid/syntax.xmap");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_file_alone_gets_the_analyzers_diagnostics(string file)
    {
        await ShouldMatchAnalyzer([file]);
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task A_folders_files_bound_together_get_the_analyzers_diagnostics(string folder)
    {
        await ShouldMatchAnalyzer([.. RepositoryFiles.Xmap.Where(p => Path.GetDirectoryName(p)!.Replace('\\', '/') == folder)]);
    }

    [Fact]
    public async Task Invalid_files_really_have_diagnostics_of_both_severities()
    {
        await using var client = await LspClient.StartAsync();
        await client.OpenFilesAsync([.. RepositoryFiles.Xmap.Where(p => p.Contains("/Invalid/", StringComparison.Ordinal))]);

        client.Diagnostics.Select(d => d.Severity).Distinct().Order().ShouldBe([1, 2]);
        client.Diagnostics.Select(d => d.Id).ShouldContain("XMAP0001");
    }

    private static async Task ShouldMatchAnalyzer(string[] files)
    {
        var expected = await AnalyzerRun.DiagnosticsAsync(files.Select(f => RepositoryFiles.Path(f)));
        await using var client = await LspClient.StartAsync();
        await client.OpenFilesAsync(files);

        Sorted(client.Diagnostics).ShouldBe(Sorted(expected));
    }

    private static string[] Sorted(IEnumerable<PublishedDiagnostic> diagnostics) =>
        [.. diagnostics.Select(d => d.ToString() + " " + d.Uri).Order(StringComparer.Ordinal)];
}
