using System.Text.RegularExpressions;
using MapDsl.Analyzers;
using MapDsl.Analyzers.CallSites;
using Microsoft.CodeAnalysis;

namespace MapDsl.CSharpAnalyzers.Tests;

/// <summary>Every XMAP1xxx rule is reported by an analyzer, documented, listed in the language guide and release-tracked.</summary>
public sealed partial class CatalogTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in Descriptors.CallSiteRules)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Fact]
    public void The_analyzers_together_report_exactly_the_call_site_rules()
    {
        var reported = new Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer[] { new FaultRateAnalyzer(), new ArrayLengthAnalyzer(), new FaultMapOwnerAnalyzer() }
            .SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id);

        reported.ShouldBe(Descriptors.CallSiteRules.Select(d => d.Id));
        Descriptors.CallSiteRules.Select(d => d.Id).ShouldAllBe(id => Regex.IsMatch(id, @"^XMAP1\d{3}$"));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_rule_has_its_page_with_title_and_severity_and_a_help_link_to_it(string id)
    {
        var descriptor = Descriptors.CallSiteRules.Single(d => d.Id == id);
        var page = File.ReadAllText(RepositoryPath("docs", "diagnostics", id + ".md"));

        page.ShouldStartWith($"# {id}: {descriptor.Title}\n");
        page.ShouldContain($"| Severity | {(descriptor.DefaultSeverity == DiagnosticSeverity.Error ? "error" : "warning")} |");
        page.ShouldContain($"| Category | `{descriptor.Category}` |");
        descriptor.HelpLinkUri.ShouldBe(Descriptors.HelpLink(id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_rule_is_in_the_language_guide_and_the_unshipped_release(string id)
    {
        var descriptor = Descriptors.CallSiteRules.Single(d => d.Id == id);
        var severity = descriptor.DefaultSeverity == DiagnosticSeverity.Error ? "Error" : "Warning";

        File.ReadAllText(RepositoryPath("docs", "language.md"))
            .ShouldContain($"| [{id}](diagnostics/{id}.md) | {severity.ToLowerInvariant()} | {descriptor.Title} |");
        File.ReadAllText(RepositoryPath("src", "Analyzers", "AnalyzerReleases.Unshipped.md"))
            .ShouldContain($"{id} | {descriptor.Category} | {severity} | {descriptor.Title}");
    }

    private static string RepositoryPath(params string[] parts)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "MapDsl.sln")))
        {
            folder = folder.Parent;
        }

        folder.ShouldNotBeNull("the repository root (MapDsl.sln) above the test output");
        return Path.Combine([folder.FullName, .. parts]);
    }
}
