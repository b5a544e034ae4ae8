extern alias analyzers;

using System.Collections.Immutable;
using analyzers::MapDsl.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MapDsl.Generator.Tests.Support;

/// <summary>
/// Runs the generator and the analyzer the way the compiler does, in memory: a C# compilation
/// that references the real runtime, .xmap files as additional texts, and a root namespace.
/// </summary>
internal static class Compiler
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static CSharpCompilation Compilation(string csharp = "", string assemblyName = "Consumer") =>
        CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(csharp, new CSharpParseOptions(LanguageVersion.Latest), path: "Program.cs")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static ImmutableArray<AdditionalText> Texts(params (string Path, string Text)[] files) =>
        [.. files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text))];

    public static GeneratorDriver Driver(ImmutableArray<AdditionalText> texts, string rootNamespace = "Consumer", bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new XmapGenerator().AsSourceGenerator()],
            texts,
            new CSharpParseOptions(LanguageVersion.Latest),
            new RootNamespaceOptions(rootNamespace),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Generates from the files and compiles the result; returns the output compilation and generator result.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Generate(string csharp, params (string Path, string Text)[] files)
    {
        var driver = Driver(Texts(files)).RunGeneratorsAndUpdateCompilation(Compilation(csharp), out var output, out _);
        return (output, driver.GetRunResult());
    }

    /// <summary>The analyzer's diagnostics for the files, as a build would report them.</summary>
    public static async Task<ImmutableArray<Diagnostic>> Analyze(params (string Path, string Text)[] files)
    {
        var options = new AnalyzerOptions(Texts(files), new RootNamespaceOptions("Consumer"));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new XmapAnalyzer());
        var withAnalyzers = Compilation().WithAnalyzers(analyzers, options);
        var all = await withAnalyzers.GetAllDiagnosticsAsync();
        return [.. all.Where(d => d.Id.StartsWith("XMAP", StringComparison.Ordinal) || d.Id.StartsWith("AD", StringComparison.Ordinal))];
    }

    public static IEnumerable<Diagnostic> Errors(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error || d.Id == "CS8785");

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var runtime = typeof(MapDsl.Runtime.Tiles.CrossbarTile).Assembly.Location;
        return [.. platform.Append(runtime).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    /// <summary>Global analyzer-config options, as MSBuild passes <c>build_property.RootNamespace</c>.</summary>
    private sealed class RootNamespaceOptions(string rootNamespace) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(rootNamespace);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(null);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(null);
    }

    private sealed class Options(string? rootNamespace) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            value = rootNamespace ?? string.Empty;
            return rootNamespace is not null && key == "build_property.RootNamespace";
        }
    }
}
