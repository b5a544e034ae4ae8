namespace MapDsl.LanguageServer.Features;

/// <summary>
/// Where the caret is, for completion: the declaration whose body it is in (null at top level),
/// that declaration's header words, and the tokens of the current statement before the word being typed.
/// </summary>
internal sealed record CaretContext(string? Declaration, IReadOnlyList<string> Header, IReadOnlyList<string> Statement)
{
    /// <summary>Where the word being typed starts (dots and hyphens are part of a word): what a completion replaces.</summary>
    public int WordStart { get; init; }

    public string? PreviousToken => Statement.Count == 0 ? null : Statement[^1];

    public static CaretContext At(string text, int offset)
    {
        var code = SourceScanner.WithoutComments(text[..Math.Min(offset, text.Length)]);
        var wordStart = code.Length;
        while (wordStart > 0 && SourceScanner.IsWordChar(code[wordStart - 1]) && code[wordStart - 1] != ':')
        {
            wordStart--;
        }

        var before = code[..wordStart];
        var statementStart = before.LastIndexOfAny([';', '{', '}']) + 1;
        var statement = Tokenize(before[statementStart..]);
        var brace = InnermostOpenBrace(before);
        if (brace < 0)
        {
            return new CaretContext(null, [], statement) { WordStart = wordStart };
        }

        var headerStart = before.LastIndexOfAny([';', '}'], Math.Max(brace - 1, 0)) + 1;
        var header = Tokenize(before[headerStart..brace]);
        return new CaretContext(header.FirstOrDefault(), header, statement) { WordStart = wordStart };
    }

    private static int InnermostOpenBrace(string code)
    {
        var open = new Stack<int>();
        for (var i = 0; i < code.Length; i++)
        {
            if (code[i] == '{')
            {
                open.Push(i);
            }
            else if (code[i] == '}' && open.Count > 0)
            {
                open.Pop();
            }
        }

        return open.Count == 0 ? -1 : open.Peek();
    }

    /// <summary>Words (with inner hyphens and dots), <c>-></c>, and single punctuation characters.</summary>
    private static List<string> Tokenize(string code)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < code.Length)
        {
            var c = code[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && i + 1 < code.Length && code[i + 1] == '>')
            {
                tokens.Add("->");
                i += 2;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                var start = i;
                while (i < code.Length && SourceScanner.IsWordChar(code[i]) && code[i] != ':' && !(code[i] == '-' && i + 1 < code.Length && code[i + 1] == '>'))
                {
                    i++;
                }

                tokens.Add(code[start..i]);
            }
            else
            {
                tokens.Add(c.ToString());
                i++;
            }
        }

        return tokens;
    }
}
