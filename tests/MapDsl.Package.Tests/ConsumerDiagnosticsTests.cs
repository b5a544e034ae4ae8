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

    [Fact]
    public async Task Mistakes_in_the_consumers_CSharp_fail_the_build_with_XMAP1xxx_errors_at_the_call()
    {
        foreach (var file in ExampleFiles.Valid)
        {
            _consumer.CopyIn(file);
        }

        // Line 2: a percentage where FaultRates takes a fraction. Line 3: Mlp's hidden layer has 256 x 784 weights.
        _consumer.Write("Program.cs", """
            using MapDsl.Runtime.Faults;
            var rates = new FaultRates(0, 0, 2, 0);
            var weights = new Lab.Mlp.Mlp.Weights(new float[10], new float[256], new float[2560], new float[10]);
            Console.WriteLine($"{rates} {weights}");
            """);

        var build = await _consumer.DotnetAsync("build");

        build.Succeeded.ShouldBeFalse(build.ToString());
        build.Lines.ShouldContain(line => Regex.IsMatch(line, @"Program\.cs\(2,34\): error XMAP1001"), build.ToString());
        build.Lines.ShouldContain(line => Regex.IsMatch(line, @"Program\.cs\(3,39\): error XMAP1003"), build.ToString());
        build.Output.ShouldNotContain("AD0001");
        build.Output.ShouldNotContain("CS8032"); // an analyzer assembly that could not be loaded (the code fixes need Workspaces)
    }

    public void Dispose() => _consumer.Dispose();
}
