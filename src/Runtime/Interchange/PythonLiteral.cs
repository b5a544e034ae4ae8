using System.Globalization;
using System.Text;

namespace MapDsl.Runtime.Interchange;

/// <summary>
/// Parses the small part of Python literal syntax an .npy header uses: a dict with string keys whose values are
/// strings, True/False/None, integers (Python 2's trailing L included) and tuples or lists of those. The result is
/// built from <see cref="string"/>, <see cref="bool"/>, <see cref="long"/>, null, <see cref="List{T}"/> of object and
/// <see cref="Dictionary{TKey, TValue}"/> of string to object. Anything else is a <see cref="FormatException"/> that
/// says where.
/// </summary>
internal sealed class PythonLiteral
{
    private readonly string _text;
    private int _at;

    private PythonLiteral(string text) => _text = text;

    /// <summary>The single value in <paramref name="text"/>, which may be surrounded by whitespace.</summary>
    public static object? Parse(string text)
    {
        var parser = new PythonLiteral(text);
        object? value = parser.Value();
        parser.SkipWhitespace();
        if (parser._at < text.Length)
        {
            throw parser.Unexpected("the end of the header");
        }

        return value;
    }

    private object? Value()
    {
        SkipWhitespace();
        if (_at >= _text.Length)
        {
            throw Unexpected("a value");
        }

        char next = _text[_at];
        return next switch
        {
            '{' => Dict(),
            '(' => Sequence(')'),
            '[' => Sequence(']'),
            '\'' or '"' => String(),
            _ when char.IsAsciiDigit(next) || next == '-' => Integer(),
            _ when char.IsAsciiLetter(next) => Constant(),
            _ => throw Unexpected("a value"),
        };
    }

    private Dictionary<string, object?> Dict()
    {
        _at++;
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (!TryConsume('}'))
        {
            SkipWhitespace();
            if (_at >= _text.Length || _text[_at] is not ('\'' or '"'))
            {
                throw Unexpected("a quoted key or '}'");
            }

            string key = String();
            Expect(':');
            if (!dict.TryAdd(key, Value()))
            {
                throw new FormatException($"the key '{key}' appears twice");
            }

            if (!TryConsume(','))
            {
                Expect('}');
                break;
            }
        }

        return dict;
    }

    private List<object?> Sequence(char close)
    {
        _at++;
        var items = new List<object?>();
        while (!TryConsume(close))
        {
            items.Add(Value());
            if (!TryConsume(','))
            {
                Expect(close);
                break;
            }
        }

        return items;
    }

    private string String()
    {
        char quote = _text[_at++];
        var value = new StringBuilder();
        while (_at < _text.Length && _text[_at] != quote)
        {
            // Only the escapes a quote or backslash needs; dtype names and keys use no others.
            if (_text[_at] == '\\' && _at + 1 < _text.Length)
            {
                _at++;
            }

            value.Append(_text[_at++]);
        }

        if (_at >= _text.Length)
        {
            throw new FormatException("a string is not closed");
        }

        _at++;
        return value.ToString();
    }

    private long Integer()
    {
        int start = _at;
        if (_text[_at] == '-')
        {
            _at++;
        }

        while (_at < _text.Length && char.IsAsciiDigit(_text[_at]))
        {
            _at++;
        }

        string digits = _text[start.._at];
        if (_at < _text.Length && _text[_at] is 'L' or 'l')
        {
            _at++;
        }

        return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new FormatException($"'{digits}' at position {start} is not an integer this reader can hold");
    }

    private object? Constant()
    {
        int start = _at;
        while (_at < _text.Length && char.IsAsciiLetterOrDigit(_text[_at]))
        {
            _at++;
        }

        return _text[start.._at] switch
        {
            "True" => true,
            "False" => false,
            "None" => null,
            string word => throw new FormatException($"'{word}' at position {start} is not a literal (expected True, False or None)"),
        };
    }

    private void Expect(char expected)
    {
        if (!TryConsume(expected))
        {
            throw Unexpected($"'{expected}'");
        }
    }

    private bool TryConsume(char expected)
    {
        SkipWhitespace();
        if (_at < _text.Length && _text[_at] == expected)
        {
            _at++;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private FormatException Unexpected(string expected) => new(_at >= _text.Length
        ? $"expected {expected} at position {_at}, but the header ends"
        : $"expected {expected} at position {_at}, but found '{_text[_at]}'");
}
