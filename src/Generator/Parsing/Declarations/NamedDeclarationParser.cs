using Sprache;

namespace MapDsl.Generator.Parsing.Declarations
{
    /// <summary>A declaration whose header is just its name: <c>crossbar X {</c>, <c>network N {</c>, ...</summary>
    internal abstract class NamedDeclarationParser : DeclarationParser<Identifier>
    {
        protected override Parser<Identifier> Header => Tokens.Name;

        protected override Identifier NameOf(Identifier header) => header;
    }
}
