using System.Collections.Generic;
using System.Linq;
using Sprache;

namespace MapDsl.Generator.Parsing.Declarations
{
    /// <summary>A declaration's parser, whatever its header: what the file parser dispatches on.</summary>
    internal interface IDeclarationParser
    {
        /// <summary>The keyword that starts the declaration.</summary>
        string Keyword { get; }

        /// <summary>The kind of declaration this parser reads.</summary>
        DeclarationKind Kind { get; }

        /// <summary>Parses the declaration after its keyword.</summary>
        DeclarationSyntax? Parse(ref IInput input, ParseContext context);
    }

    /// <summary>
    /// Parses one kind of declaration after its keyword: a header, then a body of statements.
    /// Subclasses give the header grammar, the statements the body accepts, and how the
    /// statements become the declaration's syntax record.
    /// </summary>
    internal abstract class DeclarationParser<THeader> : IDeclarationParser
    {
        public abstract string Keyword { get; }

        protected abstract Parser<THeader> Header { get; }

        protected abstract Parser<Statement> Body { get; }

        protected abstract DeclarationSyntax Build(THeader header, IReadOnlyList<Statement> statements, ParseContext context);

        protected abstract Identifier NameOf(THeader header);

        /// <summary>The kind of declaration this parser reads.</summary>
        public abstract DeclarationKind Kind { get; }

        /// <summary>
        /// Parses header and body at <paramref name="input"/>. A header broken after the name gives an
        /// <see cref="UnreadDeclarationSyntax"/>; one without a name gives null.
        /// </summary>
        public DeclarationSyntax? Parse(ref IInput input, ParseContext context)
        {
            var header = Header(input);
            if (!header.WasSuccessful)
            {
                context.SyntaxError(header, $"in {Keyword} declaration");
                var named = Tokens.Name(input);
                input = Recovery.SkipDeclaration(header.Remainder.Position > input.Position ? header.Remainder : input);
                return named.WasSuccessful ? new UnreadDeclarationSyntax(Keyword, named.Value, Kind) : null;
            }

            input = header.Remainder;
            var name = NameOf(header.Value);
            context.FailedStatementWords.Clear();
            var statements = BlockParser.Parse(ref input, BodyFor(context), $"{Keyword} '{name.Text}'", context, context.FailedStatementWords);

            // A body that did not even open was skipped unread: building it would report every required statement missing.
            return statements.Count == 0 && context.FailedStatementWords.Contains(BlockParser.AnyStatement)
                ? new UnreadDeclarationSyntax(Keyword, name, Kind)
                : Build(header.Value, statements, context);
        }

        /// <summary>
        /// The statement parser of the body. A body with nested blocks (a network's <c>residual</c>) overrides it to
        /// parse them with their own recovery, which reports into <paramref name="context"/>.
        /// </summary>
        protected virtual Parser<Statement> BodyFor(ParseContext context) => Body;

        /// <summary>
        /// The payload of a statement that may appear at most once. A repeat is reported at the
        /// repeat (the first one wins, so later checks still see a value).
        /// </summary>
        protected T? Single<T>(IReadOnlyList<Statement> statements, string keyword, Identifier owner, ParseContext context)
            where T : class
        {
            var matches = statements.Where(s => s.Keyword.Text == keyword).ToList();
            foreach (var repeat in matches.Skip(1))
            {
                context.SyntaxError(repeat.Keyword.Span, $"'{keyword}' is given twice in {Keyword} '{owner.Text}'");
            }

            return matches.Count == 0 ? null : (T?)matches[0].Value;
        }

        /// <summary>Reports a required statement that is missing, at the declaration's name.</summary>
        protected void Require(object? value, string statement, Identifier owner, ParseContext context)
        {
            var failed = context.FailedStatementWords;
            if (value is null && !failed.Contains(statement.Split(' ')[0]) && !failed.Contains(BlockParser.AnyStatement))
            {
                context.SyntaxError(owner.Span, $"{Keyword} '{owner.Text}' needs a '{statement}' statement");
            }
        }
    }
}
