using System.Text.RegularExpressions;
using System.Xml.Linq;
using MapDsl.Package.Tests.Support;

namespace MapDsl.Package.Tests;

/// <summary>
/// What the README tells a new user, done literally: its nuget.config, with the package packed into the folder that
/// config names, restores MapDsl in a fresh project. And its quick start stays the two commands it promises.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed partial class ReadmeTests(PackedPackage package) : IDisposable
{
    private readonly TempFolder _root = new("readme");

    private static string Readme => File.ReadAllText(RepositoryRoot.File("README.md"));

    [Fact]
    public void The_quick_start_is_exactly_two_commands()
    {
        var quickStart = Readme.Split("## Quick start")[1];
        var block = CodeBlock().Match(quickStart);

        block.Success.ShouldBeTrue();
        block.Groups["body"].Value.Trim().Split('\n').ShouldBe(["dotnet run --project examples/DifferentialMapping", "dotnet test MapDsl.sln"]);
    }

    [Fact]
    public void The_nuget_config_clears_the_sources_then_names_the_packed_folder_and_nuget_org()
    {
        var sources = NugetConfig().Root!.Element("packageSources")!.Elements().ToList();

        sources.Select(e => e.Name.LocalName).ShouldBe(["clear", "add", "add"]);
        sources[2].Attribute("value")!.Value.ShouldBe("https://api.nuget.org/v3/index.json");
        sources[1].Attribute("value")!.Value.ShouldEndWith("/packages"); // the folder of `dotnet pack src/Runtime -o ./packages`
        Readme.ShouldContain("dotnet pack src/Runtime -o ./packages");
    }

    [Fact]
    public async Task A_project_beside_the_clone_restores_the_packed_package_through_the_readme_nuget_config()
    {
        // The layout the README describes: the clone's packages folder where the config's relative value points.
        var app = Path.Combine(_root.Path, "app");
        Directory.CreateDirectory(app);
        var local = NugetConfig().Root!.Element("packageSources")!.Elements("add").First().Attribute("value")!.Value;
        var feed = Path.GetFullPath(Path.Combine(app, local));
        Directory.CreateDirectory(feed);
        File.Copy(package.NupkgPath, Path.Combine(feed, Path.GetFileName(package.NupkgPath)));

        File.WriteAllText(Path.Combine(app, "nuget.config"), ReadmeNugetConfigText());
        var restored = Path.Combine(_root.Path, "restored"); // not the machine's cache, which may hold an older build
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RestorePackagesPath>{System.Security.SecurityElement.Escape(restored)}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MapDsl" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), "System.Console.WriteLine();");

        var restore = await Dotnet.RunAsync(app, "restore");

        restore.Succeeded.ShouldBeTrue(restore.ToString());
        File.ReadAllBytes(Path.Combine(restored, "mapdsl", package.Version, $"mapdsl.{package.Version}.nupkg"))
            .ShouldBe(File.ReadAllBytes(package.NupkgPath));
    }

    public void Dispose() => _root.Dispose();

    private static XDocument NugetConfig() => XDocument.Parse(ReadmeNugetConfigText());

    private static string ReadmeNugetConfigText() =>
        XmlBlock().Matches(Readme).Select(m => m.Groups["body"].Value).Single(body => body.Contains("<packageSources>", StringComparison.Ordinal));

    [GeneratedRegex(@"```\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"```xml\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex XmlBlock();
}
