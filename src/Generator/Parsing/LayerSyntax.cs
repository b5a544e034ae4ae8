namespace MapDsl.Generator.Parsing
{
    /// <summary>The layer kinds a network may list, in the words of the language.</summary>
    internal enum LayerKind
    {
        Conv,
        Dense,
        Relu,
        MaxPool,
        AvgPool,
        Flatten,
    }

    /// <summary>
    /// One layer statement. Fields that a kind does not use are null: <c>relu;</c> has no name,
    /// <c>dense f1 120;</c> has no kernel. <see cref="Span"/> covers the whole statement.
    /// </summary>
    internal sealed record LayerSyntax(
        LayerKind Kind,
        SourceSpan Span,
        Identifier? Name,
        NumberToken? Outputs,
        ShapeSyntax? Window,
        NumberToken? Stride,
        NumberToken? Padding,
        string Source);
}
