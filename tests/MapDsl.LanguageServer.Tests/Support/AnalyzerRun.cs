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
    public static Task<List<PublishedDiagnostic>> DiagnosticsAsync(IEnumerable<string> paths) =>
        DiagnosticsAsync([.. paths.Select(p => (AdditionalText)new FileText(p))]);

    /// <summary>The diagnostics of texts that need not exist on disk (an editor's unsaved buffers).</summary>
    public static Task<List<PublishedDiagnostic>> DiagnosticsAsync(params (string Path, string Text)[] files) =>
        DiagnosticsAsync([.. files.Select(f => (AdditionalText)new MemoryText(f.Path, f.Text))]);

    private static async Task<List<PublishedDiagnostic>> DiagnosticsAsync(ImmutableArray<AdditionalText> files)
    {
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

    private sealed class MemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(path));
    }
}
