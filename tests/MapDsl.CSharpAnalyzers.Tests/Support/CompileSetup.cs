using System.Collections.Immutable;
using MapDsl.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace MapDsl.CSharpAnalyzers.Tests.Support;

/// <summary>
/// What every test compilation references, without downloading anything: the .NET assemblies of the runtime running
/// the tests (net10.0; the test hosts have no NuGet access, and ReferenceAssemblies.Net.Net80 would download its
/// reference pack and could not reference the net10.0 MapDsl.Runtime anyway), plus MapDsl.Runtime itself.
/// Tests that call generated types also get the generator's output for <see cref="LabXmap"/>.
/// </summary>
internal static class CompileSetup
{
    /// <summary>
    /// A tiny network with two mappings, so that a fault map of one can be injected by the other; DM is named as in
    /// the issue (differential), TC is two-column.
    /// </summary>
    public const string LabXmap = """
        namespace Lab;

        crossbar Tile8 {
            size 8 x 8;
            levels 16;
        }

        network Net {
            input 4;
            dense hidden 3;
            relu;
            dense out 2;
        }

        mapping DM: Net -> Tile8 {
            scheme differential;
        }

        mapping TC: Net -> Tile8 {
            scheme two-column;
        }
        """;

    /// <summary>No reference-assembly package: the references come from <see cref="References"/>.</summary>
    public static ReferenceAssemblies NoPackages { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> References { get; } = LoadReferences();

    public static ImmutableArray<(string HintName, SourceText Text)> LabSources { get; } = Generate(LabXmap);

    public static void Apply(SolutionState state, bool withLab)
    {
        state.AdditionalReferences.AddRange(References);
        if (withLab)
        {
            foreach (var (hint, text) in LabSources)
            {
                state.Sources.Add(("/0/Generated/" + hint, text));
            }
        }
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // Only the shared framework's own assemblies: the test host's list also holds xunit, Roslyn and the like.
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => string.Equals(Path.GetDirectoryName(path), framework, StringComparison.Ordinal));
        var runtime = typeof(MapDsl.Runtime.Faults.FaultRates).Assembly.Location;
        return [.. platform.Append(runtime).Order(StringComparer.Ordinal).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }

    private static ImmutableArray<(string, SourceText)> Generate(string xmap)
    {
        var compilation = CSharpCompilation.Create("Lab", [], References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create(
            [new XmapGenerator().AsSourceGenerator()],
            [new XmapText("/0/lab.xmap", xmap)],
            new CSharpParseOptions(LanguageVersion.Latest));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        result.Exception.ShouldBeNull();
        result.Diagnostics.ShouldBeEmpty();
        return [.. result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => (s.HintName, s.SourceText))];
    }

    private sealed class XmapText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
