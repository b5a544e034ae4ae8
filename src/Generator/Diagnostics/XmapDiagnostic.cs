using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Diagnostics
{
    /// <summary>
    /// A problem in an .xmap file, as a value: which rule (<see cref="Id"/>, see
    /// <see cref="DiagnosticCatalog"/>), where, and a message that says what was expected.
    /// The analyzers turn these into compiler diagnostics; nothing here knows Roslyn.
    /// </summary>
    internal sealed record XmapDiagnostic(string Id, string Path, SourceSpan Span, string Message)
    {
        public override string ToString() => $"{Path}{Span}: {Id}: {Message}";
    }
}
