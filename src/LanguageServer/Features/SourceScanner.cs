namespace MapDsl.LanguageServer.Features;

/// <summary>
/// Character-level helpers for what the syntax records do not keep (where a declaration's braces
/// are, what precedes the caret). Only trivia and braces are recognised here; the grammar itself
/// stays in the generator's parser.
/// </summary>
internal static class SourceScanner
{
    /// <summary>The text with every <c>//</c> comment blanked out, offsets unchanged.</summary>
    public static string WithoutComments(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length - 1; i++)
        {
            if (chars[i] == '/' && chars[i + 1] == '/')
            {
                while (i < chars.Length && chars[i] != '\n')
                {
                    chars[i++] = ' ';
                }
            }
        }

        return new string(chars);
    }

    public static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':' or '.';

    /// <summary>
    /// The end of the declaration whose name ends at <paramref name="nameEnd"/>: after the brace that
    /// closes its body, or the name's end when the header is broken before a body starts.
    /// </summary>
    public static int DeclarationEnd(string code, int nameEnd)
    {
        var open = nameEnd;
        while (open < code.Length && code[open] != '{' && code[open] != ';' && code[open] != '}')
        {
            open++;
        }

        if (open >= code.Length || code[open] != '{')
        {
            return nameEnd;
        }

        var depth = 0;
        for (var i = open; i < code.Length; i++)
        {
            depth += code[i] == '{' ? 1 : code[i] == '}' ? -1 : 0;
            if (depth == 0)
            {
                return i + 1;
            }
        }

        return code.Length;
    }

    /// <summary>The start of the keyword in front of a declaration's name.</summary>
    public static int KeywordStart(string code, int nameStart)
    {
        var i = nameStart;
        while (i > 0 && char.IsWhiteSpace(code[i - 1]))
        {
            i--;
        }

        while (i > 0 && char.IsAsciiLetter(code[i - 1]))
        {
            i--;
        }

        return i;
    }
}
