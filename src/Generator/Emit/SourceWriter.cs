using System;
using System.Text;

namespace MapDsl.Generator.Emit
{
    /// <summary>
    /// Writes C# with consistent indentation and <c>\n</c> line ends, so that generated output
    /// is byte-identical on every machine.
    /// </summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _text = new();
        private int _indent;

        /// <summary>Characters of indentation in front of the next line.</summary>
        public int Indentation => _indent * 4;

        public SourceWriter Line(string line = "")
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

        /// <summary>A <c>/// &lt;summary&gt;</c> comment; the text is XML-escaped.</summary>
        public SourceWriter Summary(string text)
        {
            Line("/// <summary>");
            foreach (var line in text.Split('\n'))
            {
                Line("/// " + Escape(line));
            }

            return Line("/// </summary>");
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

        public SourceWriter Comment(string text) => Line("// " + text);

        public override string ToString() => _text.ToString();

        private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        private sealed class Closer : IDisposable
        {
            private readonly SourceWriter _writer;
            private readonly string _closing;

            public Closer(SourceWriter writer, string closing)
            {
                _writer = writer;
                _closing = closing;
            }

            public void Dispose()
            {
                _writer._indent--;
                _writer.Line(_closing);
            }
        }
    }
}
