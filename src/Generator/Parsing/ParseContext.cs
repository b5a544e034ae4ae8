using System.Collections.Generic;
using MapDsl.Generator.Common;
using MapDsl.Generator.Diagnostics;
using Sprache;

namespace MapDsl.Generator.Parsing
{
    /// <summary>
    /// The mutable state of parsing one file: its path and the syntax errors found so far.
    /// Lives only during <see cref="XmapParser.Parse"/>; what leaves is immutable.
    /// </summary>
    internal sealed class ParseContext
    {
        /// <summary>
        /// A binary or wildly broken file can produce an error per statement; past this many the
        /// rest are summarised in one, which keeps the IDE usable.
        /// </summary>
        public const int MaxSyntaxErrors = 50;

        private readonly List<XmapDiagnostic> _diagnostics = new();
        private bool _truncated;

        public ParseContext(string path) => Path = path;

        public string Path { get; }

        /// <summary>How many braced blocks (residual bodies, shortcuts) the parser is inside at the moment.</summary>
        public int BlockDepth { get; set; }

        public IReadOnlyList<XmapDiagnostic> Diagnostics => _diagnostics;

        /// <summary>Leading words of the statements of the current body that failed to parse.</summary>
        public HashSet<string> FailedStatementWords { get; } = new();

        public void SyntaxError(SourceSpan span, string message) =>
            AddSyntaxError(new XmapDiagnostic(DiagnosticCatalog.SyntaxError, Path, span, message));

        /// <summary>A syntax error whose message suggests replacements of the text at <paramref name="span"/> (a misspelt keyword).</summary>
        public void SyntaxError(SourceSpan span, string message, IEnumerable<string> fixes) =>
            AddSyntaxError(new XmapDiagnostic(DiagnosticCatalog.SyntaxError, Path, span, message) { Fixes = fixes.ToEquatableArray() });

        /// <summary>A <c>;</c> missing at the end of a statement that was read as complete; the fix inserts it.</summary>
        public void MissingSemicolon(SourceSpan at, string statementText) =>
            SyntaxError(at, Parsing.MissingSemicolon.Message(statementText), new[] { ";" });

        public void SyntaxError<T>(IResult<T> failure, string? context = null)
        {
            var message = FailureMessage.Describe(failure);
            SyntaxError(FailureMessage.SpanOf(failure.Remainder), context is null ? message : $"{message} {context}");
        }

        private void AddSyntaxError(XmapDiagnostic error)
        {
            if (_diagnostics.Count < MaxSyntaxErrors)
            {
                _diagnostics.Add(error);
            }
            else if (!_truncated)
            {
                _truncated = true;
                _diagnostics.Add(error with { Message = $"more than {MaxSyntaxErrors} syntax errors; the rest of the file is not reported", Fixes = EquatableArray<string>.Empty });
            }
        }

        public void Error(string rule, SourceSpan span, string message) =>
            _diagnostics.Add(new XmapDiagnostic(rule, Path, span, message));
    }
}
