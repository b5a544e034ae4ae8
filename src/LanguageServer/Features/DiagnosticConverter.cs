using MapDsl.Analyzers;
using MapDsl.Generator.Diagnostics;
using MapDsl.LanguageServer.Workspace;
using LspDiagnostic = MapDsl.LanguageServer.Protocol.Diagnostic;
using LspSeverity = MapDsl.LanguageServer.Protocol.DiagnosticSeverity;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace MapDsl.LanguageServer.Features;

/// <summary>
/// The binder's diagnostics of one document as LSP diagnostics. Message and span are the binder's,
/// as the analyzer reports them; severity and help link come from the analyzers' own descriptor
/// catalog (linked source), so the editor and a build can never disagree on a rule.
/// </summary>
internal static class DiagnosticConverter
{
    public const string Source = "mapdsl";

    public static LspDiagnostic[] For(WorkspaceSnapshot snapshot, XmapFile document) =>
        [.. snapshot.Program.Diagnostics.Where(d => d.Path == document.Path).Select(d => Convert(document, d))];

    public static LspDiagnostic Convert(XmapFile file, XmapDiagnostic diagnostic)
    {
        var descriptor = Descriptors.For(diagnostic.Id);
        return new LspDiagnostic(
            TextPositions.RangeOf(file, diagnostic.Span),
            SeverityOf(descriptor.DefaultSeverity),
            diagnostic.Id,
            new Protocol.CodeDescription(descriptor.HelpLinkUri),
            Source,
            diagnostic.Message);
    }

    private static int SeverityOf(RoslynSeverity severity) => severity switch
    {
        RoslynSeverity.Error => LspSeverity.Error,
        RoslynSeverity.Warning => LspSeverity.Warning,
        RoslynSeverity.Info => LspSeverity.Information,
        _ => LspSeverity.Hint,
    };
}
