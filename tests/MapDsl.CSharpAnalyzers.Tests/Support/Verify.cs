using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace MapDsl.CSharpAnalyzers.Tests.Support;

/// <summary>
/// Runs one analyzer on C# code whose expected diagnostics are marked in it (<c>{|XMAP1001:2|}</c>); every
/// diagnostic it reports must be marked, and every mark reported. With <c>withLab</c> the code can use the
/// generated Lab.Net, Lab.DM and Lab.TC (see <see cref="CompileSetup.LabXmap"/>).
/// </summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task AnalyzerAsync(string source, bool withLab = false, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest { TestCode = source, ReferenceAssemblies = CompileSetup.NoPackages };
        CompileSetup.Apply(test.TestState, withLab);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Error);

    public static Task CodeFixAsync<TCodeFix>(string source, string fixedSource)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CodeFixTest<TCodeFix> { TestCode = source, FixedCode = fixedSource, ReferenceAssemblies = CompileSetup.NoPackages };
        CompileSetup.Apply(test.TestState, withLab: false);
        return test.RunAsync();
    }

    private sealed class AnalyzerTest : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Latest);
    }

    private sealed class CodeFixTest<TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        where TCodeFix : CodeFixProvider, new()
    {
        protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Latest);
    }
}
