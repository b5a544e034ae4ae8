using System.Collections.Immutable;
using System.Globalization;
using MapDsl.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace MapDsl.LanguageServer.Tests.Support;

/// <summary>
/// The diagnostics a build reports for some .xmap files: the real <see cref="XmapAnalyzer"/> run
/// by Roslyn on an empty compilation with the files as additional files, written as the LSP would.
/// </summary>
internal static class AnalyzerRun
{
    public static async Task<List<PublishedDiagnostic>> DiagnosticsAsync(IEnumerable<string> paths)
    {
        var files = paths.Select(p => (AdditionalText)new FileText(p)).ToImmutableArray();
        var compilation = CSharpCompilation.Create("Xmap", [CSharpSyntaxTree.ParseText(string.Empty)]);
        var analyzed = compilation.WithAnalyzers([new XmapAnalyzer()], new AnalyzerOptions(files));
        var diagnostics = await analyzed.GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.Select(Convert)];
    }

    private static PublishedDiagnostic Convert(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return new PublishedDiagnostic(
            new Uri(span.Path).AbsoluteUri,
            diagnostic.Id,
            span.StartLinePosition.Line,
            span.StartLinePosition.Character,
            span.EndLinePosition.Line,
            span.EndLinePosition.Character,
            diagnostic.Severity == DiagnosticSeverity.Error ? 1 : diagnostic.Severity == DiagnosticSeverity.Warning ? 2 : 3,
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(path));
    }
}
