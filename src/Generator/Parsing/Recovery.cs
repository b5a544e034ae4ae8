using Sprache;

namespace MapDsl.Generator.Parsing
{
    /// <summary>
    /// Where to resume after a syntax error, so that one error does not hide the others:
    /// a bad statement is skipped to its <c>;</c>, a bad declaration to the end of its block.
    /// Comments are skipped whole, so a <c>;</c> or brace inside one does not count.
    /// </summary>
    internal static class Recovery
    {
        /// <summary>Skips past the next <c>;</c>, stopping before a <c>}</c> or the end of the file.</summary>
        public static IInput SkipStatement(IInput input)
        {
            while (!input.AtEnd)
            {
                input = SkipComment(input);
                if (input.AtEnd || input.Current == '}')
                {
                    return input;
                }

                var c = input.Current;
                input = input.Advance();
                if (c == ';')
                {
                    return input;
                }
            }

            return input;
        }

        /// <summary>
        /// Skips a broken declaration: through the <c>}</c> that closes its block (or a stray
        /// <c>}</c>), or up to the next line that starts with a declaration keyword, whichever comes
        /// first. Always moves forward, so the caller cannot loop.
        /// </summary>
        public static IInput SkipDeclaration(IInput input)
        {
            var depth = 0;
            var start = input.Position;
            var atLineStart = false;
            while (!input.AtEnd)
            {
                input = SkipComment(input);
                if (input.AtEnd)
                {
                    break;
                }

                var c = input.Current;
                if (atLineStart && depth == 0 && input.Position > start && StartsDeclaration(input))
                {
                    return input;
                }

                atLineStart = c == '\n' || (atLineStart && (c == ' ' || c == '\t' || c == '\r'));
                input = input.Advance();
                if (c == '{')
                {
                    depth++;
                }
                else if (c == '}' && (depth == 0 || --depth == 0))
                {
                    return input;
                }
            }

            return input.Position == start && !input.AtEnd ? input.Advance() : input;
        }

        /// <summary>
        /// Skips the rest of a broken statement that may own a braced block (<c>residual r2 { ... }</c>,
        /// <c>shortcut { ... }</c>): past its <c>;</c> or through the <c>}</c> that closes its block, whichever comes
        /// first. Stops before a <c>}</c> that closes the enclosing body, at the end of the file, and before a line that
        /// starts with a declaration keyword (a missing <c>}</c>), so that one broken block loses nothing after it.
        /// </summary>
        public static IInput SkipBlockStatement(IInput input)
        {
            var depth = 0;
            var start = input.Position;
            var atLineStart = false;
            while (!input.AtEnd)
            {
                input = SkipComment(input);
                if (input.AtEnd)
                {
                    break;
                }

                var c = input.Current;
                if ((atLineStart && input.Position > start && StartsDeclaration(input)) || (c == '}' && depth == 0))
                {
                    return input;
                }

                atLineStart = c == '\n' || (atLineStart && (c == ' ' || c == '\t' || c == '\r'));
                input = input.Advance();
                if (c == ';' && depth == 0)
                {
                    return input;
                }

                if (c == '{')
                {
                    depth++;
                }
                else if (c == '}' && --depth == 0)
                {
                    return input;
                }
            }

            return input;
        }

        private static bool StartsDeclaration(IInput input)
        {
            var word = Tokens.Word(input);
            return word.WasSuccessful && BlockParser.IsDeclarationKeyword(word.Value.Text);
        }

        private static IInput SkipComment(IInput input)
        {
            while (!input.AtEnd && input.Current == '/' && Peek(input) == '/')
            {
                while (!input.AtEnd && input.Current != '\n')
                {
                    input = input.Advance();
                }
            }

            return input;
        }

        private static char Peek(IInput input)
        {
            var next = input.Advance();
            return next.AtEnd ? '\0' : next.Current;
        }
    }
}
