using System.Collections.Generic;
using System.Linq;
using Sprache;

namespace MapDsl.Generator.Parsing.Declarations
{
    /// <summary><c>mapping Name: Network -> Target { scheme s; pruning P; quantize N bit [symmetric|robust] [clip C]; }</c></summary>
    internal sealed class MappingParser : DeclarationParser<(Identifier Name, Identifier Network, Identifier Target)>
    {
        /// <summary>The scheme words of the language.</summary>
        public static readonly string[] SchemeWords = { "two-column", "differential", "offset", "weight-stationary" };

        private static readonly Parser<Identifier> SchemeName = input =>
        {
            var word = Tokens.Word(input);
            return word.WasSuccessful && SchemeWords.Contains(word.Value.Text)
                ? word
                : Result.Failure<Identifier>(Tokens.SkipTrivia(input), "unknown scheme", new[] { string.Join(", ", SchemeWords.Take(3)) + " or " + SchemeWords[3] });
        };

        /// <summary>The quantization schemes of <c>quantize</c>: the default and the bit-error paper's robust one.</summary>
        public static readonly string[] QuantizeWords = { "symmetric", "robust" };

        private static readonly Parser<Identifier> QuantizeScheme =
            Tokens.Word.Where(w => QuantizeWords.Contains(w.Text)).Named("'symmetric' or 'robust'");

        private static readonly Parser<QuantizeSyntax> Quantize =
            from bits in Tokens.Number
            from unit in Tokens.Keyword("bit").Or(Tokens.Keyword("bits"))
            from scheme in QuantizeScheme.XOptional()
            from clip in (from keyword in Tokens.Keyword("clip") from value in Tokens.Number select value).XOptional()
            select new QuantizeSyntax(bits, scheme.GetOrDefault(), clip.GetOrDefault());

        private static readonly Parser<Statement> Statements = new StatementTable()
            .Add("scheme", SchemeName)
            .Add("pruning", Tokens.Name)
            .Add("quantize", Quantize)
            .Parser;

        private static readonly Parser<(Identifier, Identifier, Identifier)> HeaderParser =
            from name in Tokens.Name
            from colon in Tokens.Symbol(":")
            from network in Tokens.QualifiedName
            from arrow in Tokens.Symbol("->")
            from target in Tokens.QualifiedName
            select (name, network, target);

        public override string Keyword => "mapping";

        protected override Parser<(Identifier Name, Identifier Network, Identifier Target)> Header => HeaderParser;

        protected override Parser<Statement> Body => Statements;

        protected override Identifier NameOf((Identifier Name, Identifier Network, Identifier Target) header) => header.Name;

        protected override DeclarationSyntax Build(
            (Identifier Name, Identifier Network, Identifier Target) header, IReadOnlyList<Statement> statements, ParseContext context)
        {
            var scheme = Single<Identifier>(statements, "scheme", header.Name, context);
            Require(scheme, "scheme NAME;", header.Name, context);
            return new MappingSyntax(
                header.Name,
                header.Network,
                header.Target,
                scheme,
                Single<Identifier>(statements, "pruning", header.Name, context),
                Single<QuantizeSyntax>(statements, "quantize", header.Name, context));
        }
    }
}
