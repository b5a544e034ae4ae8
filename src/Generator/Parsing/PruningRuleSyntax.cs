namespace MapDsl.Generator.Parsing
{
    /// <summary>The pruning kinds of the language.</summary>
    internal enum PruningKind
    {
        None,
        Unstructured,
        Rows,
        Columns,
        Blocks,
        Pattern,
        NOfM,
    }

    /// <summary>
    /// <c>layer: kind ...;</c> — <see cref="Layer"/> is <c>*</c> for the default rule.
    /// <see cref="Sparsity"/> is set for unstructured, rows, columns and blocks; <see cref="Block"/>
    /// is the block or pattern window; <see cref="Keep"/> and <see cref="Group"/> hold N and M of
    /// <c>pattern N of KxK</c> and <c>n:m N:M</c>.
    /// </summary>
    internal sealed record PruningRuleSyntax(
        Identifier Layer,
        PruningKind Kind,
        SourceSpan Span,
        NumberToken? Sparsity,
        ShapeSyntax? Block,
        NumberToken? Keep,
        NumberToken? Group)
    {
        /// <summary>The rule as written, e.g. <c>c2: blocks 8x8 50%</c>.</summary>
        public string Source { get; init; } = string.Empty;

        public bool IsDefault => Layer.Text == "*";
    }
}
