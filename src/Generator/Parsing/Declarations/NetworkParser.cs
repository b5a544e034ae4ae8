using System.Collections.Generic;
using System.Linq;
using MapDsl.Generator.Common;
using Sprache;

namespace MapDsl.Generator.Parsing.Declarations
{
    /// <summary>
    /// <c>network Name { input shape; layer; ... }</c> with the layers <c>conv name C kernel KxK
    /// [stride S] [pad P]</c>, <c>dense name N</c>, <c>relu</c>, <c>maxpool KxK [stride S]</c>,
    /// <c>avgpool KxK [stride S]</c> and <c>flatten</c>.
    /// </summary>
    internal sealed class NetworkParser : NamedDeclarationParser
    {
        private static readonly Parser<(Identifier Option, NumberToken Value)> ConvOption =
            from option in Tokens.Keyword("stride").Select(s => new Identifier("stride", s))
                .Or(Tokens.Keyword("pad").Select(s => new Identifier("pad", s)))
            from value in Tokens.Number
            select (option, value);

        private static readonly Parser<Draft> Conv =
            from name in Tokens.Name
            from outputs in Tokens.Number
            from kernel in Tokens.Keyword("kernel")
            from window in Tokens.Shape
            from options in ConvOption.XMany()
            select new Draft(LayerKind.Conv, name, outputs, window, options.ToList());

        private static readonly Parser<Draft> Dense =
            from name in Tokens.Name
            from outputs in Tokens.Number
            select new Draft(LayerKind.Dense, name, outputs, null, new List<(Identifier, NumberToken)>());

        private static readonly Parser<Draft> StrideOption =
            Tokens.Keyword("stride").Select(s => new Identifier("stride", s))
                .Then(option => Tokens.Number.Select(value => (option, value)))
                .XOptional()
                .Select(o => new Draft(LayerKind.MaxPool, null, null, null, o.IsDefined ? new List<(Identifier, NumberToken)> { o.Get() } : new List<(Identifier, NumberToken)>()));

        private static readonly Parser<Draft> Pool =
            from window in Tokens.Shape
            from stride in StrideOption
            select stride with { Window = window };

        private static readonly Parser<Statement> Statements = new StatementTable()
            .Add("input", Tokens.Shape)
            .Add("conv", Conv)
            .Add("dense", Dense)
            .Add("relu")
            .Add("maxpool", Pool)
            .Add("avgpool", Pool)
            .Add("flatten")
            .Parser;

        public override string Keyword => "network";

        protected override Parser<Statement> Body => Statements;

        protected override DeclarationSyntax Build(Identifier name, IReadOnlyList<Statement> statements, ParseContext context)
        {
            var input = Single<ShapeSyntax>(statements, "input", name, context);
            var layers = statements
                .Where(s => s.Keyword.Text != "input")
                .Select(s => ToLayer(s, context))
                .ToEquatableArray();
            return new NetworkSyntax(name, input, layers);
        }

        private static LayerSyntax ToLayer(Statement statement, ParseContext context)
        {
            var kind = statement.Keyword.Text switch
            {
                "conv" => LayerKind.Conv,
                "dense" => LayerKind.Dense,
                "relu" => LayerKind.Relu,
                "maxpool" => LayerKind.MaxPool,
                "avgpool" => LayerKind.AvgPool,
                _ => LayerKind.Flatten,
            };
            var draft = statement.Value as Draft;
            return new LayerSyntax(
                kind,
                statement.Span,
                draft?.Name,
                draft?.Outputs,
                draft?.Window,
                draft?.Option("stride", context),
                draft?.Option("pad", context),
                statement.Text);
        }

        /// <summary>A layer's parts while its options are still a list.</summary>
        private sealed record Draft(
            LayerKind Kind, Identifier? Name, NumberToken? Outputs, ShapeSyntax? Window, List<(Identifier Option, NumberToken Value)> Options)
        {
            public NumberToken? Option(string option, ParseContext context)
            {
                var matches = Options.Where(o => o.Option.Text == option).ToList();
                foreach (var repeat in matches.Skip(1))
                {
                    context.SyntaxError(repeat.Option.Span, $"'{option}' is given twice");
                }

                return matches.Count == 0 ? null : matches[0].Value;
            }
        }
    }
}
