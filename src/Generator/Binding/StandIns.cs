using System.Collections.Generic;
using System.Linq;
using MapDsl.Generator.Diagnostics;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Binding
{
    /// <summary>
    /// The stand-in of a declaration that did not bind (see <see cref="StandInModel"/>), with the cause it names: the
    /// errors found while binding it, else the syntax errors inside it, else the declarations it names that have errors.
    /// </summary>
    internal static class StandIns
    {
        /// <summary>How many errors a stand-in quotes; the build lists them all.</summary>
        private const int QuotedErrors = 3;

        /// <param name="bindingErrors">Every problem reported while binding the declaration, repeats of earlier reports included.</param>
        /// <param name="fileErrors">The syntax errors of the declaration's file.</param>
        /// <param name="brokenReferences">The declarations it names that have errors themselves, as <c>network 'N' (file line 3)</c>.</param>
        /// <param name="networkWeights">The global name of its network's <c>Weights</c>, for a mapping or pruning whose network is declared.</param>
        public static StandInModel Of(
            Located<DeclarationSyntax> symbol,
            string ns,
            IEnumerable<XmapDiagnostic> bindingErrors,
            IEnumerable<XmapDiagnostic> fileErrors,
            IReadOnlyList<string> brokenReferences,
            string? networkWeights)
        {
            var syntax = symbol.Syntax;
            var origin = new Origin(TargetBinder.FileName(symbol.Path), syntax.Name.Span.Line);
            var errors = bindingErrors.Where(IsError).Distinct().ToList();
            if (errors.Count == 0)
            {
                var extent = syntax.Extent;
                errors = fileErrors.Where(e => IsError(e) && e.Span.Start >= extent.Start && e.Span.Start <= extent.End).Distinct().ToList();
            }

            string cause;
            if (errors.Count > 0)
            {
                var quoted = string.Join("; ", errors.Take(QuotedErrors).Select(Format));
                var more = errors.Count - QuotedErrors;
                cause = $"has errors: {quoted}" + (more > 0 ? $"; and {more} more" : string.Empty);
            }
            else if (brokenReferences.Count > 0)
            {
                cause = $"names {Enumerate(brokenReferences)}, which {(brokenReferences.Count == 1 ? "has" : "have")} errors";
            }
            else
            {
                cause = "has errors (see the XMAP errors of the build)";
            }

            return new StandInModel(ns, syntax.Name.Text, origin, syntax.Kind, syntax.Keyword, $"{syntax.Keyword} '{syntax.Name.Text}' ({origin}) {cause}", networkWeights);
        }

        /// <summary>A reference to a declaration with errors, as a stand-in's cause names it.</summary>
        public static string Describe(Located<DeclarationSyntax> referenced) =>
            $"{referenced.Syntax.Keyword} '{referenced.Syntax.Name.Text}' ({TargetBinder.FileName(referenced.Path)} line {referenced.Syntax.Name.Span.Line})";

        private static string Enumerate(IReadOnlyList<string> items) =>
            items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[items.Count - 1];

        private static bool IsError(XmapDiagnostic diagnostic) => !DiagnosticCatalog.IsWarning(diagnostic.Id);

        // As the build prints it, with the file name only: a stand-in is generated code, which must not depend on where the project sits.
        private static string Format(XmapDiagnostic error) =>
            $"{TargetBinder.FileName(error.Path)}({error.Span.Line},{error.Span.Column}): {error.Id}: {error.Message}";
    }
}
