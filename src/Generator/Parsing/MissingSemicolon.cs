using System;
using Sprache;

namespace MapDsl.Generator.Parsing
{
    /// <summary>
    /// A statement that is complete but for its <c>;</c>. Skipping to the next <c>;</c> (the general recovery) would
    /// swallow the next statement too, so a missing <c>conv</c>'s <c>;</c> used to lose the layer after it and report
    /// every later mention of that layer as undeclared. When what follows plainly starts something new, the parser
    /// instead reads the <c>;</c> as present and reports it at the end of the statement, where C# reports its own
    /// missing <c>;</c>.
    /// </summary>
    internal static class MissingSemicolon
    {
        /// <summary>
        /// Whether the <c>;</c> missing at <paramref name="afterStatement"/> may be taken as written: the next token is
        /// on a later line, closes the body, ends the file, or is a word that starts a statement or declaration.
        /// </summary>
        public static bool CanInsert(IInput afterStatement, Func<string, bool> startsStatement)
        {
            var next = Tokens.SkipTrivia(afterStatement);
            if (next.AtEnd || next.Current == '}' || next.Line > afterStatement.Line)
            {
                return true;
            }

            var word = Tokens.Word(next);
            return word.WasSuccessful && (startsStatement(word.Value.Text) || BlockParser.IsDeclarationKeyword(word.Value.Text));
        }

        /// <summary>The empty span just after the statement's last token.</summary>
        public static SourceSpan At(IInput afterStatement) =>
            new(afterStatement.Position, 0, afterStatement.Line, afterStatement.Column);

        /// <summary>The message, naming the statement so that the place is clear even where the column is not shown.</summary>
        public static string Message(string statementText) => $"expected ';' after '{Shorten(statementText)}'";

        private static string Shorten(string text)
        {
            var oneLine = string.Join(" ", text.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
            return oneLine.Length <= 40 ? oneLine : oneLine.Substring(0, 37) + "...";
        }
    }
}
