using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// Writes C# with consistent indentation and <c>\n</c> line ends, so that generated output
    /// is byte-identical on every machine. Calls, initializers and comments are wrapped so that
    /// no line grows past <see cref="MaxLineLength"/>, however many layers a network has.
    /// </summary>
    internal sealed class SourceWriter
    {
        /// <summary>The longest line the writer produces on its own (an unbreakable word can exceed it).</summary>
        public const int MaxLineLength = 160;

        private readonly StringBuilder _text = new();
        private int _indent;

        /// <summary>Characters of indentation in front of the next line.</summary>
        public int Indentation => Width;

        private int Width => _indent * 4;

        /// <summary>
        /// One line of code. A statement longer than <see cref="MaxLineLength"/> is broken at the commas of its first
        /// bracketed list (<see cref="StatementWrapper"/>); comments are written as they are.
        /// </summary>
        public SourceWriter Line(string line = "")
        {
            if (Width + line.Length > MaxLineLength && !line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                StatementWrapper.Write(this, line);
                return this;
            }

            return Raw(line);
        }

        /// <summary>One line exactly as given, however long.</summary>
        public SourceWriter Raw(string line)
        {
            if (line.Length > 0)
            {
                _text.Append(' ', _indent * 4);
                _text.Append(line);
            }

            _text.Append('\n');
            return this;
        }

        /// <summary>Writes <c>{</c>, indents, and returns a scope that closes the brace.</summary>
        public IDisposable Block(string? header = null, string closing = "}")
        {
            if (header is not null)
            {
                Line(header);
            }

            Line("{");
            _indent++;
            return new Closer(this, closing);
        }

        /// <summary>Indents the lines written until the returned scope is disposed (a continued statement).</summary>
        public IDisposable Indent()
        {
            _indent++;
            return new Closer(this, closing: null);
        }

        /// <summary>A <c>/// &lt;summary&gt;</c> comment; the text is XML-escaped and long lines wrap at spaces.</summary>
        public SourceWriter Summary(string text)
        {
            Line("/// <summary>");
            foreach (var line in text.Split('\n'))
            {
                foreach (var part in Wrap(Escape(line), MaxLineLength - Width - 4))
                {
                    Line("/// " + part);
                }
            }

            return Line("/// </summary>");
        }

        /// <summary>
        /// A call statement or expression: <c>head(a, b)end</c> on one line when it fits, else the
        /// arguments on one line of their own, else one argument per line.
        /// </summary>
        public SourceWriter Call(string head, IReadOnlyList<string> arguments, string end = ";")
        {
            var joined = string.Join(", ", arguments);
            if (Width + head.Length + joined.Length + 2 + end.Length <= MaxLineLength)
            {
                return Line($"{head}({joined}){end}");
            }

            Line(head + "(");
            _indent++;
            if (Width + joined.Length + 1 + end.Length <= MaxLineLength)
            {
                Line(joined + ")" + end);
            }
            else
            {
                for (var i = 0; i < arguments.Count; i++)
                {
                    Line(arguments[i] + (i < arguments.Count - 1 ? "," : ")" + end));
                }
            }

            _indent--;
            return this;
        }

        /// <summary>
        /// An array or collection initializer, one element per line: <c>head</c>, then
        /// <c>{</c>, each element with a trailing comma, and <c>}end</c>.
        /// </summary>
        public SourceWriter Initializer(string head, IEnumerable<string> elements, string end = ";")
        {
            Line(head);
            Line("{");
            _indent++;
            foreach (var element in elements)
            {
                Line(element + ",");
            }

            _indent--;
            return Line("}" + end);
        }

        /// <summary>An initializer whose elements are calls (<c>new T(...)</c>), each wrapped like <see cref="Call"/>.</summary>
        public SourceWriter Initializer(string head, IEnumerable<(string Head, IReadOnlyList<string> Arguments)> elements, string end = ";")
        {
            Line(head);
            Line("{");
            _indent++;
            foreach (var (call, arguments) in elements)
            {
                Call(call, arguments, ",");
            }

            _indent--;
            return Line("}" + end);
        }

        /// <summary>A <c>/// &lt;remarks&gt;&lt;code&gt;</c> block: a table or listing under the summary; lines are XML-escaped.</summary>
        public SourceWriter CodeRemarks(System.Collections.Generic.IEnumerable<string> lines)
        {
            Line("/// <remarks>");
            Line("/// <code>");
            foreach (var line in lines)
            {
                Line("/// " + Escape(line));
            }

            Line("/// </code>");
            return Line("/// </remarks>");
        }

        /// <summary>A <c>//</c> comment; long text wraps at spaces onto further comment lines.</summary>
        public SourceWriter Comment(string text)
        {
            foreach (var part in Wrap(text, MaxLineLength - Width - 3))
            {
                Line("// " + part);
            }

            return this;
        }

        public override string ToString() => _text.ToString();

        private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        // Greedy word wrap at spaces; a word longer than the width stays whole on its own line.
        private static IEnumerable<string> Wrap(string text, int width)
        {
            if (text.Length <= width)
            {
                yield return text;
                yield break;
            }

            var line = new StringBuilder();
            foreach (var word in text.Split(' ').Where(word => word.Length > 0))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    yield return line.ToString();
                    line.Clear();
                }

                line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
            }

            yield return line.ToString();
        }

        private sealed class Closer : IDisposable
        {
            private readonly SourceWriter _writer;
            private readonly string? _closing;

            public Closer(SourceWriter writer, string? closing)
            {
                _writer = writer;
                _closing = closing;
            }

            public void Dispose()
            {
                _writer._indent--;
                if (_closing is not null)
                {
                    _writer.Line(_closing);
                }
            }
        }
    }
}
