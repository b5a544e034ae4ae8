using System.Collections.Generic;
using Sprache;

namespace MapDsl.Generator.Parsing.Declarations
{
    /// <summary><c>systolic Name { size R x C; }</c></summary>
    internal sealed class SystolicParser : NamedDeclarationParser
    {
        private static readonly Parser<Statement> Statements = new StatementTable()
            .Add("size", Tokens.Shape)
            .Parser;

        public override string Keyword => "systolic";


        public override DeclarationKind Kind => DeclarationKind.Systolic;

        protected override Parser<Statement> Body => Statements;

        protected override DeclarationSyntax Build(Identifier name, IReadOnlyList<Statement> statements, ParseContext context)
        {
            var size = Single<ShapeSyntax>(statements, "size", name, context);
            Require(size, "size ROWS x COLUMNS;", name, context);
            return new SystolicSyntax(name, size);
        }
    }
}
