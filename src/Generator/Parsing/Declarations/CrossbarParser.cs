using System.Collections.Generic;
using Sprache;

namespace MapDsl.Generator.Parsing.Declarations
{
    /// <summary><c>crossbar Name { size R x C; levels L; conductance G_off .. G_on; }</c></summary>
    internal sealed class CrossbarParser : NamedDeclarationParser
    {
        private static readonly Parser<(NumberToken Off, NumberToken On)> ConductanceRange =
            from off in Tokens.Conductance
            from dots in Tokens.Symbol("..")
            from high in Tokens.Conductance
            select (off, high);

        private static readonly Parser<Statement> Statements = new StatementTable()
            .Add("size", Tokens.Shape)
            .Add("levels", Tokens.Number)
            .Add("conductance", ConductanceRange)
            .Parser;

        public override string Keyword => "crossbar";


        public override DeclarationKind Kind => DeclarationKind.Crossbar;

        protected override Parser<Statement> Body => Statements;

        protected override DeclarationSyntax Build(Identifier name, IReadOnlyList<Statement> statements, ParseContext context)
        {
            var size = Single<ShapeSyntax>(statements, "size", name, context);
            Require(size, "size ROWS x COLUMNS;", name, context);
            var levels = Single<NumberToken>(statements, "levels", name, context);
            var range = Single<object>(statements, "conductance", name, context) as (NumberToken Off, NumberToken On)?;
            return new CrossbarSyntax(name, size, levels, range?.Off, range?.On);
        }
    }
}
