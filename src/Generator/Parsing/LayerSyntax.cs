using MapDsl.Generator.Common;

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

        // Version 2.
        BatchNorm,
        GlobalAvgPool,
        Dropout,

        /// <summary><c>residual NAME { body [shortcut { ... }] }</c>: a block, not a layer; only in syntax.</summary>
        Residual,
    }

    /// <summary>
    /// One layer statement. Fields that a kind does not use are null: <c>relu;</c> has no name,
    /// <c>dense f1 120;</c> has no kernel. <see cref="Span"/> covers the whole statement; for a
    /// <c>residual</c> block it covers the header <c>residual NAME</c>, where the block's problems are reported.
    /// </summary>
    internal sealed record LayerSyntax(
        LayerKind Kind,
        SourceSpan Span,
        Identifier? Name,
        NumberToken? Outputs,
        ShapeSyntax? Window,
        NumberToken? Stride,
        NumberToken? Padding,
        string Source)
    {
        /// <summary>The rate of <c>dropout R;</c>.</summary>
        public NumberToken? Rate { get; init; }

        /// <summary>The body of a <c>residual</c> block: its layers other than the shortcut's, in order.</summary>
        public EquatableArray<LayerSyntax> Body { get; init; }

        /// <summary>The layers of a <c>residual</c> block's <c>shortcut { ... }</c>; empty without one (the identity).</summary>
        public EquatableArray<LayerSyntax> Shortcut { get; init; }

        /// <summary>Whether a <c>residual</c> block has a <c>shortcut</c> statement (possibly empty).</summary>
        public bool HasShortcut { get; init; }
    }
}
