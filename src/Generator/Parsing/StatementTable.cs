using System.Collections.Generic;
using System.Linq;
using Sprache;

namespace MapDsl.Generator.Parsing
{
    /// <summary>
    /// The statements one kind of body accepts, keyed by their leading keyword. Dispatching on the
    /// keyword first lets an error name exactly what the body accepts, and lets each payload parser
    /// fail at the token that is wrong.
    /// </summary>
    internal sealed class StatementTable
    {
        private readonly Dictionary<string, Parser<object?>> _payloads = new();
        private readonly List<string> _keywords = new();

        /// <summary>Adds <c>keyword payload ;</c>.</summary>
        public StatementTable Add<T>(string keyword, Parser<T> payload)
        {
            _payloads.Add(keyword, payload.Select(v => (object?)v));
            _keywords.Add(keyword);
            return this;
        }

        /// <summary>Adds <c>keyword ;</c> with no payload.</summary>
        public StatementTable Add(string keyword) => Add(keyword, Parse.Return<object?>(null));

        /// <summary>
        /// Names a statement that the body accepts but that is parsed before this table is asked (a block with its
        /// own recovery), so that an unknown statement's error still lists it.
        /// </summary>
        public StatementTable Mention(string keyword)
        {
            _keywords.Add(keyword);
            return this;
        }

        public Parser<Statement> Parser => input =>
        {
            var start = Tokens.SkipTrivia(input);
            var word = Tokens.Word(start);
            if (!word.WasSuccessful || !_payloads.TryGetValue(word.Value.Text, out var payload))
            {
                return Result.Failure<Statement>(start, "unknown statement", new[] { Expected() });
            }

            var body = payload(word.Remainder);
            if (!body.WasSuccessful)
            {
                return Result.Failure<Statement>(body.Remainder, body.Message, body.Expectations);
            }

            var text = start.Source.Substring(start.Position, body.Remainder.Position - start.Position).Trim();
            var end = Tokens.Semicolon(body.Remainder);
            if (!end.WasSuccessful)
            {
                if (!MissingSemicolon.CanInsert(body.Remainder, _keywords.Contains))
                {
                    return Result.Failure<Statement>(end.Remainder, end.Message, end.Expectations);
                }

                var statementSpan = new SourceSpan(start.Position, body.Remainder.Position - start.Position, start.Line, start.Column);
                var complete = new Statement(word.Value, body.Value, statementSpan, text) { SemicolonMissingAt = MissingSemicolon.At(body.Remainder) };
                return Result.Success(complete, body.Remainder);
            }

            var span = new SourceSpan(start.Position, end.Remainder.Position - start.Position, start.Line, start.Column);
            return Result.Success(new Statement(word.Value, body.Value, span, text), end.Remainder);
        };

        private string Expected() => _keywords.Count == 1
            ? $"'{_keywords[0]}'"
            : string.Join(", ", _keywords.Take(_keywords.Count - 1).Select(k => $"'{k}'")) + " or '" + _keywords[_keywords.Count - 1] + "'";
    }
}
