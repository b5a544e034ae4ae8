extern alias analyzers;

using System.Text.RegularExpressions;
using analyzers::MapDsl.Analyzers;
using MapDsl.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace MapDsl.Generator.Tests.Docs;

/// <summary>
/// The documents a new user reads: they stay inside the repository (no file of another folder is cited, every
/// relative link resolves), and the language guide lists the diagnostics the analyzers really have.
/// </summary>
public partial class DocsTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        var docs = Directory.GetFiles(RepositoryFiles.Path("docs"), "*.md", SearchOption.AllDirectories);
        foreach (var path in docs.Append(RepositoryFiles.Path("README.md")).Append(RepositoryFiles.Path("src", "Runtime", "PACKAGE.md")))
        {
            data.Add(Path.GetRelativePath(RepositoryFiles.Root, path).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void No_document_cites_a_file_outside_the_repository(string document)
    {
        var text = File.ReadAllText(RepositoryFiles.Path(document));

        text.ShouldNotContain("xmap-language.md");
        text.ShouldNotContain("../shared");
        text.ShouldNotContain("/work/shared");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_points_at_a_file_of_the_repository(string document)
    {
        var folder = Path.GetDirectoryName(RepositoryFiles.Path(document))!;
        var broken = Link().Matches(File.ReadAllText(RepositoryFiles.Path(document)))
            .Select(m => m.Groups["target"].Value)
            .Where(target => !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith('#') && !target.StartsWith("mailto:", StringComparison.Ordinal))
            .Select(target => target.Split('#')[0])
            .Where(target => !File.Exists(Path.Combine(folder, target)) && !Directory.Exists(Path.Combine(folder, target)));

        broken.ShouldBeEmpty();
    }

    [Fact]
    public void The_language_guide_lists_every_diagnostic_with_its_severity_and_title()
    {
        var rows = DiagnosticRow().Matches(File.ReadAllText(RepositoryFiles.Path("docs", "language.md")))
            .Select(m => $"{m.Groups["id"].Value} {m.Groups["severity"].Value} {m.Groups["title"].Value}");

        var expected = Descriptors.All.Select(d => $"{d.Id} {(d.DefaultSeverity == DiagnosticSeverity.Error ? "error" : "warning")} {d.Title}");
        rows.ShouldBe(expected.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_language_guide_no_longer_says_that_faults_are_not_drawn_or_bit_flips_unsupported()
    {
        // What the runtime does (FaultMapSampler, the generated SampleFaults and Inject) and what the guide once said.
        var guide = Whitespace().Replace(File.ReadAllText(RepositoryFiles.Path("docs", "language.md")), " "); // sentences wrap

        guide.ShouldNotContain("no support for `bit-flip`");
        guide.ShouldNotContain("generates rate constants only");
        guide.ShouldNotContain("Nothing in the generated code or the runtime draws faults");
        guide.ShouldContain("All four kinds are supported");
        guide.ShouldContain("SampleFaults(rates, chip)");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^\| \[(?<id>XMAP\d{4})\]\(diagnostics/\k<id>\.md\) \| (?<severity>error|warning) \| (?<title>[^|]+?) \|$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticRow();
}
