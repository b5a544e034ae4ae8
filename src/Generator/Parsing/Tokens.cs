using System;
using System.Globalization;
using System.Linq;
using MapDsl.Generator.Common;
using Sprache;

namespace MapDsl.Generator.Parsing
{
    /// <summary>
    /// The lexical layer of the grammar: trivia, names, keywords, numbers and shapes.
    /// Every token skips the whitespace and comments in front of it, so a failure is reported
    /// where the token should have started, not at the end of the previous one.
    /// </summary>
    internal static class Tokens
    {
        /// <summary>Whitespace and <c>//</c> comments (to the end of the line); always succeeds.</summary>
        /// <remarks>
        /// A plain loop, not combinators: every token skips trivia (often twice, and again on each
        /// alternative tried), so this is the parser's hottest path; built from Sprache's Many and Or it
        /// was most of the time of a 2,000-line parse, which the language server pays per keystroke.
        /// Same language as <c>(WhiteSpace | "//" CharExcept('\n')*)*</c>: char.IsWhiteSpace, and a
        /// comment stops before its line break.
        /// </remarks>
        public static readonly Parser<string> Trivia = input => Result.Success(" ", SkipTriviaLoop(input));

        /// <summary>A name: <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
        public static readonly Parser<Identifier> Name =
            Token(
                from first in Parse.Char(c => IsAsciiLetter(c) || c == '_', "letter")
                from rest in Parse.Char(c => IsAsciiLetter(c) || IsAsciiDigit(c) || c == '_', "letter or digit").Many().Text()
                select first + rest)
            .WithSpan()
            .Select(t => new Identifier(t.Value, t.Span))
            .Named("a name");

        /// <summary>
        /// A dotted name: a namespace (<c>Lab.Experiments</c>), or a declaration of another namespace
        /// (<c>Lab.Shared.LeNet5</c>) where a mapping or pruning names its network or target.
        /// </summary>
        public static readonly Parser<Identifier> QualifiedName =
            (from first in Name
             from rest in (from dot in Sprache.Parse.Char('.') from part in Name select part).XMany()
             let parts = new[] { first }.Concat(rest).ToList()
             select new Identifier(
                 string.Join(".", parts.Select(p => p.Text)),
                 new SourceSpan(first.Span.Start, parts[parts.Count - 1].Span.End - first.Span.Start, first.Span.Line, first.Span.Column)))
            .Named("a name");

        /// <summary>
        /// A keyword-like word, used to dispatch statements: lowercase letters with inner
        /// hyphens or a colon, so that <c>stuck-on</c>, <c>two-column</c> and <c>n:m</c> are one word.
        /// </summary>
        public static readonly Parser<Identifier> Word =
            Token(
                from first in Parse.Char(c => IsAsciiLetter(c) || c == '_', "letter")
                from rest in Parse.Char(c => IsAsciiLetter(c) || IsAsciiDigit(c) || c == '_' || c == '-' || c == ':', "letter").Many().Text()
                select first + rest)
            .WithSpan()
            .Select(t => new Identifier(t.Value, t.Span))
            .Named("a keyword");

        /// <summary>A number, optionally a percentage: <c>16</c>, <c>0.5</c>, <c>2%</c>, <c>0.25%</c>.</summary>
        public static readonly Parser<NumberToken> Number = NumberWith(Parse.String("%").Text().Optional())
            .Named("a number");

        /// <summary>A conductance: a number with an optional unit <c>S</c>, <c>mS</c>, <c>uS</c>, <c>nS</c>.</summary>
        public static readonly Parser<NumberToken> Conductance = NumberWith(
                Parse.String("mS").Or(Parse.String("uS")).Or(Parse.String("nS")).Or(Parse.String("S")).Text().Optional())
            .Named("a conductance");

        /// <summary>A shape: <c>A x B</c>, <c>A x B x C</c> (the x may touch the numbers), or one length.</summary>
        public static readonly Parser<ShapeSyntax> Shape =
            (from first in Number
             from rest in (from x in Symbol("x") from n in Number select n).XMany()
             select new[] { first }.Concat(rest).ToArray())
            .WithSpan()
            .Select(t => new ShapeSyntax(t.Value.ToEquatableArray(), t.Span))
            .Named("a shape");

        public static readonly Parser<SourceSpan> Semicolon = Symbol(";");

        /// <summary>A fixed symbol such as <c>{</c>, <c>-></c> or <c>..</c>.</summary>
        public static Parser<SourceSpan> Symbol(string text) =>
            Token(Parse.String(text).Text()).WithSpan().Select(t => t.Span).Named($"'{text}'");

        /// <summary>A keyword: the word itself, not the prefix of a longer word.</summary>
        public static Parser<SourceSpan> Keyword(string word) =>
            Word.Where(w => w.Text == word).Select(w => w.Span).Named($"'{word}'");

        /// <summary>Runs <paramref name="parser"/> after skipping trivia.</summary>
        /// <remarks>
        /// A token that fails before consuming any of its own characters reports the failure at
        /// the original input: the trivia in front of it was not really consumed, which lets
        /// Sprache's <c>XMany</c>/<c>XOr</c> tell "absent" from "broken", and lets
        /// <c>Named</c> give the failure a readable name.
        /// </remarks>
        public static Parser<T> Token<T>(Parser<T> parser) =>
            input =>
            {
                var start = SkipTrivia(input);
                var result = parser(start);
                if (result.WasSuccessful || result.Remainder.Position != start.Position)
                {
                    return result;
                }

                return Result.Failure<T>(input, result.Message, result.Expectations);
            };

        /// <summary>Pairs a parsed value with the span of the text it consumed.</summary>
        public static Parser<(T Value, SourceSpan Span)> WithSpan<T>(this Parser<T> parser) =>
            input =>
            {
                var start = SkipTrivia(input);
                var result = parser(input);
                if (!result.WasSuccessful)
                {
                    return Result.Failure<(T, SourceSpan)>(result.Remainder, result.Message, result.Expectations);
                }

                var span = new SourceSpan(start.Position, result.Remainder.Position - start.Position, start.Line, start.Column);
                return Result.Success((result.Value, span), result.Remainder);
            };

        /// <summary>The input after any whitespace and comments.</summary>
        public static IInput SkipTrivia(IInput input) => SkipTriviaLoop(input);

        private static IInput SkipTriviaLoop(IInput input)
        {
            var source = input.Source;
            while (!input.AtEnd)
            {
                var c = input.Current;
                if (char.IsWhiteSpace(c))
                {
                    input = input.Advance();
                }
                else if (c == '/' && input.Position + 1 < source.Length && source[input.Position + 1] == '/')
                {
                    while (!input.AtEnd && input.Current != '\n')
                    {
                        input = input.Advance();
                    }
                }
                else
                {
                    break;
                }
            }

            return input;
        }

        private static Parser<NumberToken> NumberWith(Parser<IOption<string>> suffix) =>
            Token(
                from digits in Parse.Char(IsAsciiDigit, "digit").AtLeastOnce().Text()
                // Optional backtracks: in `0..1` the dot after 0 starts the range, not a fraction.
                from fraction in (from dot in Parse.Char('.')
                                  from first in Parse.Char(IsAsciiDigit, "a digit after '.'")
                                  from more in Parse.Char(IsAsciiDigit, "digit").Many()
                                  select "." + first + new string(more.ToArray())).Optional()
                from unit in suffix
                select (Digits: digits + fraction.GetOrElse(string.Empty), Suffix: unit.GetOrDefault()))
            .WithSpan()
            .Select(t => MakeNumber(t.Value.Digits, t.Value.Suffix, t.Span));

        private static NumberToken MakeNumber(string digits, string? suffix, SourceSpan span)
        {
            // TryParse, not Parse: on .NET Framework hosts an overlong number throws instead of
            // giving infinity, and the binder reports infinite values as invalid numbers.
            var value = double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : double.PositiveInfinity;
            var isPercent = suffix == "%";

            // Divide rather than multiply: 100 / 1e6 is the double nearest 1e-4, 100 * 1e-6 is not.
            var divisor = suffix switch
            {
                "%" => 100.0,
                "mS" => 1e3,
                "uS" => 1e6,
                "nS" => 1e9,
                _ => 1.0,
            };
            return new NumberToken(digits + (suffix ?? string.Empty), value / divisor, isPercent, isPercent ? null : suffix, span);
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';
    }
}
