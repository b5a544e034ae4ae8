using MapDsl.Package.Tests.Support;

namespace MapDsl.Package.Tests;

/// <summary>A console app with nothing but the PackageReference compiles the example files and runs the generated code.</summary>
[Collection(PackedPackageCollection.Name)]
public sealed class ConsumerAppTests(PackedPackage package) : IDisposable
{
    /// <summary>Touches one mapping of each example file, and the runtime through Map and ReadBack.</summary>
    private const string Program = """
        var lenet = Lab.LeNet.DM.Map(new Lab.LeNet.LeNet5.Weights());
        Console.WriteLine($"LeNet5 DM tiles: {Lab.LeNet.DM.TileCount}");

        var mlp = Lab.Mlp.Q8.ReadBack(Lab.Mlp.Q8.Map(new Lab.Mlp.Mlp.Weights()));
        Console.WriteLine($"Mlp Q8 read back: {mlp.Hidden.Length} hidden weights");

        Lab.Systolic.OnArray.Map(new Lab.Systolic.Mlp.Weights());
        Console.WriteLine($"Systolic OnArray tiles: {Lab.Systolic.OnArray.TileCount}");
        """;

    private readonly ConsumerProject _consumer = new(package);

    [Fact]
    public async Task Runs_the_code_generated_from_the_example_files()
    {
        foreach (var file in ExampleFiles.Valid)
        {
            _consumer.CopyIn(file);
        }

        _consumer.Write("Program.cs", Program);

        var run = await _consumer.DotnetAsync("run");

        run.Succeeded.ShouldBeTrue(run.ToString());
        run.Lines.ShouldContain("LeNet5 DM tiles: 14", run.ToString());
        run.Lines.ShouldContain("Mlp Q8 read back: 200704 hidden weights", run.ToString());
        run.Lines.ShouldContain(line => line.StartsWith("Systolic OnArray tiles: "), run.ToString());
    }

    [Fact]
    public async Task Restores_the_package_just_packed_rather_than_one_from_another_feed()
    {
        _consumer.Write("Program.cs", "Console.WriteLine();");

        var restore = await _consumer.DotnetAsync("restore");

        restore.Succeeded.ShouldBeTrue(restore.ToString());
        var restored = Path.Combine(package.RestoredPackages, "mapdsl", package.Version, $"mapdsl.{package.Version}.nupkg");
        File.ReadAllBytes(restored).ShouldBe(File.ReadAllBytes(package.NupkgPath));
    }

    public void Dispose() => _consumer.Dispose();
}
