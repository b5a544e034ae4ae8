using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MapDsl.Fuzzing;

/// <summary>
/// Compiles the generated files of one program, with the runtime and the platform as references,
/// the way a consuming project builds them (latest C#, nullable enabled); returns the errors.
/// </summary>
internal static class GeneratedCodeCompiler
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var runtime = typeof(MapDsl.Runtime.Tiles.CrossbarTile).Assembly.Location;
        return [.. platform.Append(runtime).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static IReadOnlyList<Diagnostic> Errors(IEnumerable<(string HintName, string Source)> sources)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Source, ParseOptions, path: s.HintName));
        var compilation = CSharpCompilation.Create(
            "FuzzGenerated",
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
    }
}
