using System.Collections.Generic;
using Sprache;

namespace MapDsl.Generator.Parsing.Declarations
{
    /// <summary><c>faults Name { stuck-on r; stuck-off r; bit-flip r; pe r; }</c></summary>
    internal sealed class FaultsParser : NamedDeclarationParser
    {
        private static readonly Parser<Statement> Statements = new StatementTable()
            .Add("stuck-on", Tokens.Number)
            .Add("stuck-off", Tokens.Number)
            .Add("bit-flip", Tokens.Number)
            .Add("pe", Tokens.Number)
            .Parser;

        public override string Keyword => "faults";


        public override DeclarationKind Kind => DeclarationKind.Faults;

        protected override Parser<Statement> Body => Statements;

        protected override DeclarationSyntax Build(Identifier name, IReadOnlyList<Statement> statements, ParseContext context) =>
            new FaultsSyntax(
                name,
                Single<NumberToken>(statements, "stuck-on", name, context),
                Single<NumberToken>(statements, "stuck-off", name, context),
                Single<NumberToken>(statements, "bit-flip", name, context),
                Single<NumberToken>(statements, "pe", name, context));
    }
}
