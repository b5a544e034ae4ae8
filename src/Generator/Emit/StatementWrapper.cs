using System.Collections.Generic;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// Breaks one generated statement that would pass <see cref="SourceWriter.MaxLineLength"/> at the commas of its
    /// first bracketed list (call arguments, parameters, an array's elements): the head and the opening bracket on one
    /// line, one element per line (each broken again if it is still too long), the closing bracket and the rest.
    /// String and character literals are never split. A statement without such a list is written as it is.
    /// </summary>
    internal static class StatementWrapper
    {
        public static void Write(SourceWriter w, string statement)
        {
            if (w.Indentation + statement.Length <= SourceWriter.MaxLineLength || !TrySplit(statement, out var head, out var items, out var tail))
            {
                w.Raw(statement);
                return;
            }

            foreach (var part in head.Split('\n'))
            {
                w.Raw(part);
            }

            // A brace list closes on a line of its own, as initializers read; an argument or parameter list closes on
            // its last item.
            var closesAlone = tail.StartsWith("}", System.StringComparison.Ordinal);
            using (w.Indent())
            {
                for (var i = 0; i < items.Count; i++)
                {
                    var last = i == items.Count - 1;
                    Write(w, items[i] + (!last ? "," : closesAlone ? string.Empty : tail));
                }
            }

            if (closesAlone)
            {
                w.Raw(tail);
            }
        }

        // The first (, [ or { (outermost first) whose list has a comma at its own depth: head ends with the bracket, tail
        // starts with its partner. A brace list keeps its braces on lines of their own, as initializers read.
        private static bool TrySplit(string text, out string head, out List<string> items, out string tail)
        {
            head = tail = string.Empty;
            items = new List<string>();
            if (HasComment(text))
            {
                return false; // a trailing comment would swallow whatever follows it on its line
            }

            for (var open = 0; open < text.Length; open++)
            {
                open = SkipLiteral(text, open);
                if (open >= text.Length || "([{".IndexOf(text[open]) < 0)
                {
                    continue;
                }

                var close = Matching(text, open);
                if (close < 0)
                {
                    return false;
                }

                var parts = TopLevelItems(text, open + 1, close);
                if (parts.Count < 2)
                {
                    continue; // one item: look for a list inside it
                }

                if (text[open] == '{')
                {
                    head = text.Substring(0, open).TrimEnd() + "\n{";
                    tail = "}" + text.Substring(close + 1);
                }
                else
                {
                    head = text.Substring(0, open + 1);
                    tail = text.Substring(close);
                }

                items = parts;
                return true;
            }

            return false;
        }

        private static bool HasComment(string text)
        {
            for (var i = 0; i < text.Length - 1; i++)
            {
                i = SkipLiteral(text, i);
                if (i < text.Length - 1 && text[i] == '/' && text[i + 1] == '/')
                {
                    return true;
                }
            }

            return false;
        }

        private static List<string> TopLevelItems(string text, int start, int end)
        {
            var items = new List<string>();
            var depth = 0;
            var angles = 0; // type arguments: Dictionary<string, T> is one item
            var from = start;
            for (var i = start; i < end; i++)
            {
                i = SkipLiteral(text, i);
                if (i >= end)
                {
                    break;
                }

                var c = text[i];
                if ("([{".IndexOf(c) >= 0)
                {
                    depth++;
                }
                else if (")]}".IndexOf(c) >= 0)
                {
                    depth--;
                }
                else if (c == '<' && i > start && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] == '_'))
                {
                    angles++;
                }
                else if (c == '>' && angles > 0)
                {
                    angles--;
                }
                else if (c == ',' && depth == 0 && angles == 0)
                {
                    items.Add(text.Substring(from, i - from).Trim());
                    from = i + 1;
                }
            }

            var last = text.Substring(from, end - from).Trim();
            if (last.Length > 0)
            {
                items.Add(last);
            }

            return items;
        }

        private static int Matching(string text, int open)
        {
            var depth = 0;
            for (var i = open; i < text.Length; i++)
            {
                i = SkipLiteral(text, i);
                if (i >= text.Length)
                {
                    return -1;
                }

                if ("([{".IndexOf(text[i]) >= 0)
                {
                    depth++;
                }
                else if (")]}".IndexOf(text[i]) >= 0 && --depth == 0)
                {
                    return i;
                }
            }

            return -1;
        }

        // At a string or character literal (optionally $-interpolated), the index of its closing quote; else i itself.
        // Generated literals are regular (backslash escapes); the holes of an interpolated one may hold literals of
        // their own (string.Join(", ", x)), which are skipped whole.
        private static int SkipLiteral(string text, int i)
        {
            if (i >= text.Length)
            {
                return i;
            }

            var interpolated = text[i] == '$' && i + 1 < text.Length && text[i + 1] == '"';
            if (interpolated)
            {
                i++;
            }

            var quote = text[i];
            if (quote != '"' && quote != '\'')
            {
                return i;
            }

            for (var j = i + 1; j < text.Length; j++)
            {
                if (text[j] == '\\')
                {
                    j++;
                }
                else if (text[j] == quote)
                {
                    return j;
                }
                else if (interpolated && text[j] == '{')
                {
                    if (j + 1 < text.Length && text[j + 1] == '{')
                    {
                        j++;
                        continue;
                    }

                    j = SkipHole(text, j);
                }
            }

            return text.Length;
        }

        // From the { of an interpolation hole, the index of its closing }.
        private static int SkipHole(string text, int open)
        {
            var depth = 0;
            for (var j = open; j < text.Length; j++)
            {
                j = SkipLiteral(text, j);
                if (j >= text.Length)
                {
                    break;
                }

                if (text[j] == '{')
                {
                    depth++;
                }
                else if (text[j] == '}' && --depth == 0)
                {
                    return j;
                }
            }

            return text.Length;
        }
    }
}
