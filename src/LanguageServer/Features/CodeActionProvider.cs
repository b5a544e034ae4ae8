using MapDsl.LanguageServer.Protocol;
using MapDsl.LanguageServer.Workspace;

namespace MapDsl.LanguageServer.Features;

/// <summary>
/// Quick fixes: for each current diagnostic of the document that touches the requested range and
/// knows its fix (<c>XmapDiagnostic.Fixes</c>: a close declared name, <c>50</c> → <c>50%</c>, a missing <c>;</c>), one
/// action per suggestion that writes it over the diagnostic's span. The first is the preferred one.
/// </summary>
internal static class CodeActionProvider
{
    public static CodeAction[] Actions(WorkspaceSnapshot snapshot, XmapFile document, Protocol.Range range)
    {
        var start = TextPositions.OffsetOf(document, range.Start);
        var end = TextPositions.OffsetOf(document, range.End);
        return
        [
            .. from diagnostic in snapshot.Program.Diagnostics
               where diagnostic.Path == document.Path && !diagnostic.Fixes.IsEmpty
               where diagnostic.Span.Start <= Math.Max(start, end) && Math.Min(start, end) <= diagnostic.Span.End
               let shown = DiagnosticConverter.Convert(document, diagnostic)
               from fix in diagnostic.Fixes.Select((text, index) => (Text: text, Index: index))
               select new CodeAction(
                   diagnostic.Span.Length == 0 ? $"Insert '{fix.Text}'" : $"Replace '{Written(document, diagnostic.Span)}' with '{fix.Text}'",
                   CodeActionKind.QuickFix,
                   [shown],
                   fix.Index == 0,
                   new WorkspaceEdit(new Dictionary<string, TextEdit[]> { [document.Uri] = [new TextEdit(shown.Range, fix.Text)] })),
        ];
    }

    private static string Written(XmapFile document, Generator.Parsing.SourceSpan span)
    {
        var start = Math.Min(span.Start, document.Text.Length);
        return document.Text[start..Math.Min(span.End, document.Text.Length)];
    }
}
