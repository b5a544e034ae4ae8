using System.Security;

namespace MapDsl.Package.Tests.Support;

/// <summary>
/// A fresh console project in a temp folder that knows MapDsl only through its PackageReference:
/// no AdditionalFiles, no CompilerVisibleProperty; the package has to wire up everything itself.
/// </summary>
internal sealed class ConsumerProject : IDisposable
{
    private readonly TempFolder _folder = new("consumer");

    public ConsumerProject(PackedPackage package)
    {
        Write("Consumer.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <RestorePackagesPath>{Xml(package.RestoredPackages)}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MapDsl" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);

        // No <clear />: the feed is added on top of the machine's own NuGet configuration, as a user would.
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="mapdsl-under-test" value="{Xml(package.Feed)}" />
              </packageSources>
            </configuration>
            """);
    }

    public string Folder => _folder.Path;

    public void Write(string fileName, string text) => File.WriteAllText(_folder.File(fileName), text);

    public void CopyIn(string path) => File.Copy(path, _folder.File(Path.GetFileName(path)));

    public Task<CommandResult> DotnetAsync(params string[] arguments) => Dotnet.RunAsync(_folder.Path, arguments);

    public void Dispose() => _folder.Dispose();

    private static string Xml(string text) => SecurityElement.Escape(text);
}
