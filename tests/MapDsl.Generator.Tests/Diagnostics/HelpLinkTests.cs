extern alias analyzers;

using System.Xml.Linq;
using analyzers::MapDsl.Analyzers;
using MapDsl.Generator.Tests.Support;

namespace MapDsl.Generator.Tests.Diagnostics;

/// <summary>
/// Every descriptor's help link is an absolute URL of its page under docs/diagnostics of the
/// repository: an IDE opens the link as is, so a relative path would lead nowhere.
/// </summary>
public class HelpLinkTests
{
    /// <summary>The .xmap diagnostics and the C# call-site ones (XMAP1xxx): one catalog, one page each.</summary>
    private static IEnumerable<Microsoft.CodeAnalysis.DiagnosticDescriptor> Every => Descriptors.All.Concat(Descriptors.CallSiteRules);

    public static TheoryData<string> Ids => [.. Every.Select(d => d.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_help_link_is_an_absolute_url_of_an_existing_page(string id)
    {
        var link = Every.Single(d => d.Id == id).HelpLinkUri;

        Uri.TryCreate(link, UriKind.Absolute, out var uri).ShouldBeTrue($"{id}: '{link}' is not absolute");
        uri!.Scheme.ShouldBe("https");
        link.ShouldBe($"{Descriptors.HelpLinkBase}{id}.md");
        File.Exists(RepositoryFiles.Path("docs", "diagnostics", $"{id}.md")).ShouldBeTrue($"{id}: docs/diagnostics/{id}.md is missing");
    }

    [Fact]
    public void The_links_point_into_the_repository_the_package_names()
    {
        // One URL for the package metadata and the links: changing one without the other fails here.
        var props = XDocument.Load(RepositoryFiles.Path("Directory.Build.props"));
        var repository = props.Descendants("RepositoryUrl").Single().Value.TrimEnd('/');

        Descriptors.HelpLinkBase.ShouldBe($"{repository}/blob/main/docs/diagnostics/");
    }

    [Fact]
    public void Every_page_under_docs_diagnostics_belongs_to_a_descriptor()
    {
        var pages = Directory.GetFiles(RepositoryFiles.Path("docs", "diagnostics"), "XMAP*.md").Select(Path.GetFileNameWithoutExtension);

        pages.Order(StringComparer.Ordinal).ShouldBe(Every.Select(d => d.Id).Order(StringComparer.Ordinal));
    }
}
