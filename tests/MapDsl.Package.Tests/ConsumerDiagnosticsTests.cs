using System.Text.RegularExpressions;
using MapDsl.Package.Tests.Support;

namespace MapDsl.Package.Tests;

/// <summary>A mistake in a .xmap file fails the consumer's build with an XMAP error at its place, not with a crashed analyzer.</summary>
[Collection(PackedPackageCollection.Name)]
public sealed class ConsumerDiagnosticsTests(PackedPackage package) : IDisposable
{
    private readonly ConsumerProject _consumer = new(package);

    [Fact]
    public async Task An_invalid_file_fails_the_build_with_its_XMAP_error_at_its_line()
    {
        foreach (var file in ExampleFiles.Valid)
        {
            _consumer.CopyIn(file);
        }

        _consumer.CopyIn(ExampleFiles.Invalid("kernel-too-large.xmap"));
        _consumer.Write("Program.cs", "Console.WriteLine(Lab.LeNet.DM.TileCount);");

        var build = await _consumer.DotnetAsync("build");

        build.Succeeded.ShouldBeFalse(build.ToString());
        build.Lines.ShouldContain(line => Regex.IsMatch(line, @"kernel-too-large\.xmap\(10,\d+\): error XMAP0102"), build.ToString());

        // AD0001: an analyzer threw. CS8785: the generator threw. CS9057: built against a newer compiler than the SDK's.
        build.Output.ShouldNotContain("AD0001");
        build.Output.ShouldNotContain("CS8785");
        build.Output.ShouldNotContain("CS9057");
    }

    public void Dispose() => _consumer.Dispose();
}
