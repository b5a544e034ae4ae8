using CsCheck;

namespace MapDsl.Fuzzing;

/// <summary>
/// Edits of a generated program's text that break its structure the way typing does: a missing
/// <c>;</c> or brace, a line deleted or doubled, blocks nested where they cannot be, empty bodies,
/// huge numbers, unicode (accents, emoji, BOM, bidi controls, a lone surrogate, NUL).
/// </summary>
internal static class XmapSyntaxNoise
{
    private static readonly string[] Insertions =
    [
        "ü€😀", "\0", "\uFEFF", "\u202E", "\uD800", "\u00A0", "\t\t", "\r", "//", "/* */", "99999999999999999999999999999",
        "1e400", "16777216", "65537", "-0", "residual q { residual z { relu; } }", "network Inner { network Deeper { } }",
        "shortcut { shortcut { } }", "crossbar E {}", "network E {}", "residual e { }", "shortcut { }", "pruning E for E { }",
        "mapping E: E -> E { }", "faults E { }", "{", "}", ";", ";;", ":", "->", "..", "x", "%", "*", ".", "@",
        // Deep nesting and long runs: a recursive parser or recovery would overflow its stack or go quadratic.
        string.Concat(Enumerable.Repeat("residual r { ", 3000)), new string('{', 20000), new string('}', 20000),
        string.Concat(Enumerable.Repeat("relu; ", 5000)), string.Concat(Enumerable.Repeat("x 1 ", 5000)), new string('9', 5000),
    ];

    /// <summary>Between <paramref name="minEdits"/> and <paramref name="maxEdits"/> edits of a text.</summary>
    public static Gen<Func<string, string>> Edits(int minEdits, int maxEdits) =>
        Edit.Array[minEdits, maxEdits].Select(edits => (Func<string, string>)(text => edits.Aggregate(text, (t, edit) => edit(t))));

    private static Gen<Func<string, string>> Edit { get; } =
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, int.MaxValue], Gen.OneOf(Insertions)).Select((kind, where, insertion) => (Func<string, string>)(text => kind switch
        {
            0 => RemoveOne(text, ';', where),
            1 => RemoveOne(text, where % 2 == 0 ? '}' : '{', where),
            2 => EditLine(text, where, (lines, i) => lines.RemoveAt(i)),
            3 => EditLine(text, where, (lines, i) => lines.Insert(i, lines[i])),
            4 => EditLine(text, where, (lines, i) => lines[i] = lines[i].Insert(where % (lines[i].Length + 1), insertion)),
            5 => EmptyFirstBody(text, where),
            _ => EditLine(text, where, (lines, i) => lines.Insert(i, insertion)),
        }));

    private static string RemoveOne(string text, char c, int where)
    {
        var count = text.Count(x => x == c);
        if (count == 0)
        {
            return text;
        }

        var skip = where % count;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == c && skip-- == 0)
            {
                return text.Remove(i, 1);
            }
        }

        return text;
    }

    private static string EditLine(string text, int where, Action<List<string>, int> edit)
    {
        var lines = text.Split('\n').ToList();
        edit(lines, where % lines.Count);
        return string.Join("\n", lines);
    }

    // The body of one declaration or block (innermost braces) left empty: `{}`.
    private static string EmptyFirstBody(string text, int where)
    {
        var opens = Enumerable.Range(0, text.Length).Where(i => text[i] == '{').ToList();
        if (opens.Count == 0)
        {
            return text;
        }

        var open = opens[where % opens.Count];
        var close = text.IndexOf('}', open);
        var nested = text.IndexOf('{', open + 1);
        return close < 0 || (nested >= 0 && nested < close) ? text : text.Remove(open + 1, close - open - 1);
    }
}
