using System.Collections.Generic;
using Sprache;

namespace MapDsl.Generator.Parsing
{
    /// <summary>
    /// Parses a <c>{ statement* }</c> body with error recovery: a statement that fails is
    /// reported and skipped to its <c>;</c>, and parsing goes on with the next one.
    /// </summary>
    internal static class BlockParser
    {
        /// <summary>Marks a body that could not be read at all: no statement may then be called missing.</summary>
        public const string AnyStatement = "*";

        private static readonly HashSet<string> DeclarationKeywords = new()
        {
            "namespace", "crossbar", "systolic", "network", "pruning", "mapping", "faults",
        };

        public static bool IsDeclarationKeyword(string word) => DeclarationKeywords.Contains(word);

        /// <summary>
        /// Parses the body that starts at <paramref name="input"/> (which must be at the <c>{</c>).
        /// Returns the statements that parsed; the input is left after the closing brace.
        /// </summary>
        /// <param name="failedWords">Receives the leading word of each statement that failed, so that a
        /// declaration does not also report a broken required statement as missing.</param>
        public static List<Statement> Parse(ref IInput input, Parser<Statement> statement, string owner, ParseContext context, ISet<string> failedWords)
        {
            var items = new List<Statement>();
            var open = Tokens.Symbol("{")(input);
            if (!open.WasSuccessful)
            {
                context.SyntaxError(open, $"to open the body of {owner}");
                failedWords.Add(AnyStatement);
                input = Recovery.SkipDeclaration(input);
                return items;
            }

            input = open.Remainder;
            while (true)
            {
                var next = Tokens.SkipTrivia(input);
                if (next.AtEnd)
                {
                    context.SyntaxError(FailureMessage.SpanOf(next), $"expected '}}' to close {owner}, found end of file");
                    input = next;
                    return items;
                }

                if (next.Current == '}')
                {
                    input = next.Advance();
                    return items;
                }

                // A declaration keyword here means the closing brace is missing: end the body
                // and let the file parser take the declaration, instead of one error per statement.
                var word = Tokens.Word(next);
                if (word.WasSuccessful && DeclarationKeywords.Contains(word.Value.Text) && StartsDeclaration(word.Remainder))
                {
                    context.SyntaxError(FailureMessage.SpanOf(next), $"expected '}}' to close {owner}, found '{word.Value.Text}'");
                    input = next;
                    return items;
                }

                var result = statement(next);
                if (result.WasSuccessful)
                {
                    if (result.Value.SemicolonMissingAt is { } missing)
                    {
                        context.MissingSemicolon(missing, result.Value.Text);
                    }

                    items.Add(result.Value);
                    input = result.Remainder;
                }
                else
                {
                    context.SyntaxError(result);
                    if (word.WasSuccessful)
                    {
                        failedWords.Add(word.Value.Text);
                    }

                    input = Recovery.SkipStatement(result.Remainder.Position > next.Position ? result.Remainder : next);
                    if (input.Position == next.Position && !input.AtEnd && input.Current != '}')
                    {
                        input = input.Advance();
                    }
                }
            }
        }

        // `crossbar X {` or `namespace A.B;`: a keyword followed by a name, not `pruning P;`.
        private static bool StartsDeclaration(IInput afterKeyword)
        {
            var name = Tokens.Name(afterKeyword);
            if (!name.WasSuccessful)
            {
                return false;
            }

            var after = Tokens.SkipTrivia(name.Remainder);
            return after.AtEnd || after.Current is '{' or ':' or '.' || Tokens.Keyword("for")(name.Remainder).WasSuccessful;
        }
    }
}
