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
        private static readonly CrossbarParser Crossbar = new();
        private static readonly SystolicParser Systolic = new();
        private static readonly NetworkParser Network = new();
        private static readonly PruningParser Pruning = new();
        private static readonly MappingParser Mapping = new();
        private static readonly FaultsParser Faults = new();

        private static readonly string[] TopLevelWords =
        {
            "namespace", "crossbar", "systolic", "network", "pruning", "mapping", "faults",
        };

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
                    context.SyntaxError(FailureMessage.SpanOf(input), $"expected a declaration ({string.Join(", ", TopLevelWords)}), found {Describe(word, input)}");
                    input = Recovery.SkipDeclaration(input);
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

        private static DeclarationSyntax? ParseDeclaration(string keyword, ref IInput input, ParseContext context) => keyword switch
        {
            "crossbar" => Crossbar.Parse(ref input, context),
            "systolic" => Systolic.Parse(ref input, context),
            "network" => Network.Parse(ref input, context),
            "pruning" => Pruning.Parse(ref input, context),
            "mapping" => Mapping.Parse(ref input, context),
            _ => Faults.Parse(ref input, context),
        };

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
