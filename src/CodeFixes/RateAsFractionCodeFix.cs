using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using MapDsl.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MapDsl.CodeFixes
{
    /// <summary>
    /// XMAP1001: replaces a rate literal written as a percentage by the fraction it meant (2 becomes 0.02). Offered
    /// only on a literal: a named constant may be used elsewhere as a percentage, so changing it here could break that.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RateAsFractionCodeFix))]
    [Shared]
    public sealed class RateAsFractionCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.RateWrittenAsPercentage.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(Descriptors.FractionProperty, out var fraction) || fraction is null)
                {
                    continue;
                }

                var literal = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as LiteralExpressionSyntax;
                if (literal is null || !literal.IsKind(SyntaxKind.NumericLiteralExpression))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create($"Use the fraction {fraction}", token => Replace(context.Document, root, literal, fraction, token), equivalenceKey: nameof(RateAsFractionCodeFix)),
                    diagnostic);
            }
        }

        private static Task<Document> Replace(Document document, SyntaxNode root, LiteralExpressionSyntax literal, string fraction, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Parsed, not built from the double: "1" stays an int literal, exactly as if typed (every rate is a double, so it converts).
            var replacement = SyntaxFactory.ParseExpression(fraction).WithTriviaFrom(literal);
            return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(literal, replacement)));
        }
    }
}
