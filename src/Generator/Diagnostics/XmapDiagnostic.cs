using MapDsl.Generator.Common;
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
        /// <summary>
        /// Texts that, written over <see cref="Span"/>, fix the problem (the "did you mean" of the message), best
        /// first; empty when the rule knows no fix. Kept apart from the message so that an editor's quick fix never
        /// has to parse English.
        /// </summary>
        public EquatableArray<string> Fixes { get; init; }

        public override string ToString() => $"{Path}{Span}: {Id}: {Message}";
    }
}
