using System.Collections.Generic;
using Sprache;

namespace MapDsl.Generator.Parsing.Declarations
{
    /// <summary>
    /// <c>pruning Name for Network { layer: rule; *: rule; }</c> where a rule is <c>none</c>,
    /// <c>unstructured S</c>, <c>rows S</c>, <c>columns S</c>, <c>blocks AxB S</c>,
    /// <c>pattern N of KxK</c> or <c>n:m N:M</c>.
    /// </summary>
    internal sealed class PruningParser : DeclarationParser<(Identifier Name, Identifier Network)>
    {
        // A layer of a residual block is named with its block's name: `r2.a`.
        private static readonly Parser<Identifier> LayerOrDefault =
            Tokens.QualifiedName.Or(Tokens.Symbol("*").Select(span => new Identifier("*", span))).Named("a layer name or '*'");

        private static readonly Parser<(NumberToken N, NumberToken M)> Ratio =
            from n in Tokens.Number
            from colon in Tokens.Symbol(":")
            from m in Tokens.Number
            select (n, m);

        private static readonly Parser<(NumberToken Keep, ShapeSyntax Window)> PatternOf =
            from keep in Tokens.Number
            from of in Tokens.Keyword("of")
            from window in Tokens.Shape
            select (keep, window);

        private static readonly Parser<(ShapeSyntax Block, NumberToken Sparsity)> BlocksOf =
            from block in Tokens.Shape
            from sparsity in Tokens.Number
            select (block, sparsity);

        // The kind is dispatched like a statement keyword; the rule's own `;` ends it.
        private static readonly Parser<Statement> Kinds = new StatementTable()
            .Add("none")
            .Add("unstructured", Tokens.Number)
            .Add("rows", Tokens.Number)
            .Add("columns", Tokens.Number)
            .Add("blocks", BlocksOf)
            .Add("pattern", PatternOf)
            .Add("n:m", Ratio)
            .Parser;

        private static readonly Parser<Statement> Rule =
            (from layer in LayerOrDefault
             from colon in Tokens.Symbol(":")
             from kind in Kinds
             select new Statement(layer, kind, Cover(layer.Span, kind.Span), layer.Text + ": " + kind.Text) { SemicolonMissingAt = kind.SemicolonMissingAt });

        private static readonly Parser<(Identifier, Identifier)> HeaderParser =
            from name in Tokens.Name
            from keyword in Tokens.Keyword("for")
            from network in Tokens.QualifiedName
            select (name, network);

        public override string Keyword => "pruning";


        public override DeclarationKind Kind => DeclarationKind.Pruning;

        protected override Parser<(Identifier Name, Identifier Network)> Header => HeaderParser;

        protected override Parser<Statement> Body => Rule;

        protected override Identifier NameOf((Identifier Name, Identifier Network) header) => header.Name;

        protected override DeclarationSyntax Build(
            (Identifier Name, Identifier Network) header, IReadOnlyList<Statement> statements, ParseContext context)
        {
            var rules = new List<PruningRuleSyntax>();
            foreach (var statement in statements)
            {
                var kind = (Statement)statement.Value!;
                rules.Add(ToRule(statement.Keyword, kind, statement.Span) with { Source = statement.Text });
            }

            return new PruningSyntax(header.Name, header.Network, new Common.EquatableArray<PruningRuleSyntax>(rules));
        }

        private static PruningRuleSyntax ToRule(Identifier layer, Statement kind, SourceSpan span) => kind.Keyword.Text switch
        {
            "none" => new PruningRuleSyntax(layer, PruningKind.None, span, null, null, null, null),
            "unstructured" => new PruningRuleSyntax(layer, PruningKind.Unstructured, span, (NumberToken)kind.Value!, null, null, null),
            "rows" => new PruningRuleSyntax(layer, PruningKind.Rows, span, (NumberToken)kind.Value!, null, null, null),
            "columns" => new PruningRuleSyntax(layer, PruningKind.Columns, span, (NumberToken)kind.Value!, null, null, null),
            "blocks" => Blocks(layer, span, ((ShapeSyntax, NumberToken))kind.Value!),
            "pattern" => Pattern(layer, span, ((NumberToken, ShapeSyntax))kind.Value!),
            _ => NOfM(layer, span, ((NumberToken, NumberToken))kind.Value!),
        };

        private static PruningRuleSyntax Blocks(Identifier layer, SourceSpan span, (ShapeSyntax Block, NumberToken Sparsity) value) =>
            new(layer, PruningKind.Blocks, span, value.Sparsity, value.Block, null, null);

        private static PruningRuleSyntax Pattern(Identifier layer, SourceSpan span, (NumberToken Keep, ShapeSyntax Window) value) =>
            new(layer, PruningKind.Pattern, span, null, value.Window, value.Keep, null);

        private static PruningRuleSyntax NOfM(Identifier layer, SourceSpan span, (NumberToken N, NumberToken M) value) =>
            new(layer, PruningKind.NOfM, span, null, null, value.N, value.M);

        private static SourceSpan Cover(SourceSpan first, SourceSpan last) =>
            new(first.Start, last.End - first.Start, first.Line, first.Column);
    }
}
