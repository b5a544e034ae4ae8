using System.IO.Compression;
using System.Xml.Linq;
using MapDsl.Package.Tests.Support;

namespace MapDsl.Package.Tests;

/// <summary>What is inside the .nupkg: a missing Sprache.dll or an accidental dependency only shows up on a user's machine.</summary>
[Collection(PackedPackageCollection.Name)]
public sealed class PackageLayoutTests(PackedPackage package)
{
    /// <summary>Everything but NuGet's own bookkeeping (nuspec, _rels, [Content_Types].xml, package/).</summary>
    private static readonly string[] Payload =
    [
        "PACKAGE.md",
        "analyzers/dotnet/cs/MapDsl.Analyzers.dll",
        "analyzers/dotnet/cs/MapDsl.CodeFixes.dll",
        "analyzers/dotnet/cs/MapDsl.Generator.dll",
        "analyzers/dotnet/cs/Sprache.dll",
        "build/MapDsl.props",
        "buildTransitive/MapDsl.props",
        "lib/net10.0/MapDsl.Runtime.dll",
        "lib/net10.0/MapDsl.Runtime.xml",
    ];

    [Fact]
    public void Ships_the_runtime_the_analyzers_with_Sprache_and_the_props()
    {
        using var nupkg = ZipFile.OpenRead(package.NupkgPath);

        var payload = nupkg.Entries.Select(entry => entry.FullName).Where(IsPayload).Order(StringComparer.Ordinal);

        payload.ShouldBe(Payload);
    }

    [Fact]
    public void Has_no_dependencies()
    {
        using var nupkg = ZipFile.OpenRead(package.NupkgPath);
        using var nuspec = nupkg.GetEntry("MapDsl.nuspec")!.Open();

        var dependencies = XDocument.Load(nuspec).Descendants().Where(element => element.Name.LocalName == "dependency");

        dependencies.ShouldBeEmpty();
    }

    private static bool IsPayload(string entry) =>
        !entry.EndsWith(".nuspec") && !entry.StartsWith("_rels/") && !entry.StartsWith("package/") && entry != "[Content_Types].xml";
}
