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

    [Fact]
    public async Task A_broken_declaration_named_from_CSharp_fails_the_build_with_its_XMAP_error_first_and_no_CSharp_error()
    {
        var lenet = File.ReadAllText(RepositoryRoot.File("examples", "xmap", "lenet5.xmap"));
        _consumer.Write("lenet5.xmap", lenet.Replace("conv c2 16 kernel 5x5;", "conv c2 16 kernel 50x50;", StringComparison.Ordinal));
        _consumer.Write("Program.cs", """
            using Lab.LeNet;
            using MapDsl.Runtime.Contract;

            Console.WriteLine($"{Experiment.Mapping.TileCount} {DM.TileCount} {Sparse.Instance} {LeNet5.Name} {Rram128.Rows}");

            static class Experiment
            {
                // Generated types in member signatures: with no type at all, the compiler stopped at the CS0246 here and never ran the analyzers.
                public static IMapping<LeNet5.Weights> Mapping { get; } = DM.Instance;

                public static LeNet5.Weights Load(string path) => LeNet5.Weights.LoadSafetensors(path);
            }
            """);

        var build = await _consumer.DotnetAsync("build");

        build.Succeeded.ShouldBeFalse(build.ToString());
        var errors = build.Lines.Where(line => line.Contains(": error ", StringComparison.Ordinal)).ToList();
        errors.ShouldNotBeEmpty(build.ToString());
        errors[0].ShouldMatch(@"lenet5\.xmap\(15,5\): error XMAP0102: conv c2: a 50x50 kernel does not fit a 14x14 input");
        errors.ShouldAllBe(line => line.Contains("lenet5.xmap(15,5): error XMAP0102", StringComparison.Ordinal), build.ToString());
    }

    [Fact]
    public async Task A_missing_semicolon_is_the_builds_only_error_at_the_end_of_its_statement()
    {
        var lenet = File.ReadAllText(RepositoryRoot.File("examples", "xmap", "lenet5.xmap"));
        var lines = lenet.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("dense f1 120;", StringComparison.Ordinal));
        _consumer.Write("lenet5.xmap", lenet.Replace("dense f1 120;", "dense f1 120", StringComparison.Ordinal));
        _consumer.Write("Program.cs", "Console.WriteLine(Lab.LeNet.DM.TileCount);");

        var build = await _consumer.DotnetAsync("build");

        // Before, the statement after it (relu) was skipped with it and f1 lost, so 'f1: columns 60%' also gave XMAP0003.
        build.Succeeded.ShouldBeFalse(build.ToString());
        var column = lines[line].IndexOf("120", StringComparison.Ordinal) + 4;
        build.Lines.Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ShouldHaveSingleItem(build.ToString())
            .ShouldContain($"lenet5.xmap({line + 1},{column}): error XMAP0001: expected ';' after 'dense f1 120'");
    }

    public void Dispose() => _consumer.Dispose();
}
