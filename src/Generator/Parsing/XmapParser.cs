using System.Collections.Generic;
using System.Linq;
using MapDsl.Generator.Common;
using MapDsl.Generator.Parsing.Declarations;
using Sprache;

namespace MapDsl.Generator.Parsing
{
    /// <summary>
    /// Parses one .xmap file into an <see cref="XmapDocument"/>. Never throws on user input:
    /// every problem becomes an XMAP0001 value, and parsing resumes at the next statement or
    /// declaration so that the rest of the file is still checked.
    /// </summary>
    internal static class XmapParser
    {
        // By keyword, in the order the messages list them.
        private static readonly IDeclarationParser[] Parsers =
        {
            new CrossbarParser(), new SystolicParser(), new NetworkParser(), new PruningParser(), new MappingParser(), new FaultsParser(),
        };

        private static readonly string[] TopLevelWords = new[] { "namespace" }.Concat(Parsers.Select(p => p.Keyword)).ToArray();

        public static XmapDocument Parse(string path, string text)
        {
            var context = new ParseContext(path);
            var declarations = new List<DeclarationSyntax>();
            Identifier? ns = null;
            IInput input = new Input(text ?? string.Empty);

            while (true)
            {
                input = Tokens.SkipTrivia(input);
                if (input.AtEnd)
                {
                    break;
                }

                var word = Tokens.Word(input);
                if (!word.WasSuccessful || !TopLevelWords.Contains(word.Value.Text))
                {
                    var skipped = Recovery.SkipDeclaration(input);
                    if (NotAKeyword(word, input, context) is { } unread)
                    {
                        declarations.Add(unread with { Extent = new SourceSpan(input.Position, skipped.Position - input.Position, input.Line, input.Column) });
                    }

                    input = skipped;
                    continue;
                }

                var rest = word.Remainder;
                if (word.Value.Text == "namespace")
                {
                    ns = ParseNamespace(ref rest, word.Value, ns, declarations.Count > 0, context);
                }
                else
                {
                    var declaration = ParseDeclaration(word.Value.Text, ref rest, context);
                    if (declaration is not null)
                    {
                        var keyword = word.Value.Span;
                        declarations.Add(declaration with { Extent = new SourceSpan(keyword.Start, rest.Position - keyword.Start, keyword.Line, keyword.Column) });
                    }
                }

                input = rest;
            }

            return new XmapDocument(path, ns, declarations.ToEquatableArray(), context.Diagnostics.ToEquatableArray());
        }

        private static DeclarationSyntax? ParseDeclaration(string keyword, ref IInput input, ParseContext context) =>
            Parsers.First(p => p.Keyword == keyword).Parse(ref input, context);

        /// <summary>
        /// Reports a word at file level that starts no declaration. A misspelt keyword followed by a name
        /// (<c>netwrok LeNet5 {</c>) gets a "did you mean" with its fix, and the name stays declared, unread: what
        /// names it is not also undeclared, and C# that names it compiles against its stand-in.
        /// </summary>
        private static DeclarationSyntax? NotAKeyword(IResult<Identifier> word, IInput at, ParseContext context)
        {
            var message = $"expected a declaration ({string.Join(", ", TopLevelWords)}), found {Describe(word, at)}";
            var closest = word.WasSuccessful ? Suggestions.Closest(word.Value.Text, Parsers.Select(p => p.Keyword)) : new List<string>();
            if (closest.Count == 0)
            {
                context.SyntaxError(FailureMessage.SpanOf(at), message);
                return null;
            }

            context.SyntaxError(word.Value.Span, message + Suggestions.DidYouMean(closest), closest);
            var name = Tokens.Name(word.Remainder);
            var parser = Parsers.First(p => p.Keyword == closest[0]);
            return name.WasSuccessful ? new UnreadDeclarationSyntax(parser.Keyword, name.Value, parser.Kind) : null;
        }

        private static Identifier? ParseNamespace(ref IInput input, Identifier keyword, Identifier? previous, bool afterDeclarations, ParseContext context)
        {
            var statement = (from name in Tokens.QualifiedName from end in Tokens.Semicolon select name)(input);
            var named = Tokens.QualifiedName(input);
            if (!statement.WasSuccessful && named.WasSuccessful && MissingSemicolon.CanInsert(named.Remainder, _ => false))
            {
                // `namespace Lab.X` with the `;` forgotten: skipping to the next `;` would swallow the next declaration's head.
                context.MissingSemicolon(MissingSemicolon.At(named.Remainder), $"namespace {named.Value.Text}");
                statement = named;
            }

            if (!statement.WasSuccessful)
            {
                context.SyntaxError(statement, "in namespace declaration");
                input = Recovery.SkipStatement(input);
                return previous;
            }

            input = statement.Remainder;
            if (previous is not null)
            {
                context.SyntaxError(keyword.Span, "a file has at most one namespace declaration");
                return previous;
            }

            if (afterDeclarations)
            {
                context.SyntaxError(keyword.Span, "the namespace declaration must come before the declarations of the file");
            }

            return statement.Value;
        }

        private static string Describe(IResult<Identifier> word, IInput at) =>
            word.WasSuccessful ? $"'{word.Value.Text}'" : FailureMessage.Found(at);
    }
}
