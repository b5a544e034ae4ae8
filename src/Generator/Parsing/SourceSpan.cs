namespace MapDsl.Generator.Parsing
{
    /// <summary>
    /// Where a piece of syntax sits in its .xmap file: a character range plus the 1-based line
    /// and column of its start (Sprache counts from 1, and so do users reading diagnostics).
    /// Stored as plain numbers; Roslyn locations are made only when a diagnostic is reported.
    /// </summary>
    internal readonly record struct SourceSpan(int Start, int Length, int Line, int Column)
    {
        public int End => Start + Length;

        public override string ToString() => $"({Line},{Column})";
    }
}
