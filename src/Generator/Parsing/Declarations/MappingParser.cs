using System.Collections.Generic;
using System.Linq;
using MapDsl.Generator.Common;
using Sprache;

namespace MapDsl.Generator.Parsing.Declarations
{
    /// <summary><c>mapping Name: Network -> Target { scheme s; pruning P; quantize N bit [words] [clip C]; }</c></summary>
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

        /// <summary>
        /// The words of <c>quantize</c>: a range (or <c>robust</c>, the bit-error paper's RQuant), an encoding and a
        /// rounding, in any order; the binder checks that no two say different things.
        /// </summary>
        public static readonly string[] QuantizeWords = { "symmetric", "asymmetric", "robust", "signed", "unsigned", "round", "truncate", "biases" };

        private static readonly Parser<Identifier> QuantizeWord =
            Tokens.Word.Where(w => QuantizeWords.Contains(w.Text)).Named("'symmetric', 'asymmetric', 'robust', 'signed', 'unsigned', 'round', 'truncate', 'biases' or 'clip'");

        private static readonly Parser<QuantizeSyntax> Quantize =
            from bits in Tokens.Number
            from unit in Tokens.Keyword("bit").Or(Tokens.Keyword("bits"))
            from words in QuantizeWord.Many()
            from clip in (from keyword in Tokens.Keyword("clip") from value in Tokens.Number select value).XOptional()
            from after in QuantizeWord.Many() // words may follow the clip too: "robust clip 0.1 biases"
            select new QuantizeSyntax(bits, words.Concat(after).ToEquatableArray(), clip.GetOrDefault());

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


        public override DeclarationKind Kind => DeclarationKind.Mapping;

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
