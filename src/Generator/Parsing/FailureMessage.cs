using System.Linq;
using Sprache;

namespace MapDsl.Generator.Parsing
{
    /// <summary>Turns a Sprache failure into "expected X, found Y" at the place it happened.</summary>
    internal static class FailureMessage
    {
        public static string Describe<T>(IResult<T> failure)
        {
            var expected = failure.Expectations.Distinct().ToList();
            var found = Found(failure.Remainder);
            return expected.Count == 0
                ? $"unexpected {found}"
                : $"expected {Join(expected)}, found {found}";
        }

        public static string Found(IInput at)
        {
            var rest = Tokens.SkipTrivia(at);
            if (rest.AtEnd)
            {
                return "end of file";
            }

            var c = rest.Current;
            if (c < ' ' || c > '~')
            {
                return $"character U+{(int)c:X4}";
            }

            // Name a whole word, not just its first letter: "found 'sise'" reads better than "found 's'".
            var word = Tokens.Word(rest);
            return word.WasSuccessful ? $"'{word.Value.Text}'" : $"'{c}'";
        }

        /// <summary>Where the failure points: the next token after any trivia.</summary>
        public static SourceSpan SpanOf(IInput at)
        {
            var rest = Tokens.SkipTrivia(at);
            return new SourceSpan(rest.Position, rest.AtEnd ? 0 : 1, rest.Line, rest.Column);
        }

        private static string Join(System.Collections.Generic.List<string> items) =>
            items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[items.Count - 1];
    }
}
