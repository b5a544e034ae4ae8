using System.Collections.Generic;
using MapDsl.Generator.Common;
using MapDsl.Generator.Diagnostics;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>Collects semantic problems while binding; each binder reports into the file it reads.</summary>
    internal sealed class BindContext
    {
        private readonly List<XmapDiagnostic> _diagnostics = new();
        private readonly HashSet<XmapDiagnostic> _seen = new();

        public IReadOnlyList<XmapDiagnostic> Diagnostics => _diagnostics;

        /// <summary>
        /// When set, receives every problem reported, a repeat included: the binder sets it around one declaration to
        /// learn what kept that declaration from binding (see <see cref="StandIns"/>).
        /// </summary>
        public List<XmapDiagnostic>? Listener { get; set; }

        /// <summary>
        /// Reports a problem. The same problem found twice (a pruning checked by two mappings) is
        /// reported once. <paramref name="fixes"/> are replacements of the text at <paramref name="span"/>
        /// that the message suggests (see <see cref="XmapDiagnostic.Fixes"/>).
        /// </summary>
        public void Report(string rule, string path, SourceSpan span, string message, IEnumerable<string>? fixes = null)
        {
            var diagnostic = new XmapDiagnostic(rule, path, span, message) { Fixes = fixes?.ToEquatableArray() ?? EquatableArray<string>.Empty };
            Listener?.Add(diagnostic);
            if (_seen.Add(diagnostic))
            {
                _diagnostics.Add(diagnostic);
            }
        }
    }

    /// <summary>A syntax node together with the file it came from, so that problems land in the right file.</summary>
    internal sealed record Located<T>(T Syntax, string Path);
}
