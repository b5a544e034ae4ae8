using MapDsl.Generator.Common;
using MapDsl.Generator.Diagnostics;

namespace MapDsl.Generator.Parsing
{
    // The syntax tree: what the file says, with spans, before any name is resolved or any
    // shape is checked. Records of primitives only, so that incremental steps compare by value.

    /// <summary>A name as written, with its place.</summary>
    internal sealed record Identifier(string Text, SourceSpan Span);

    /// <summary>
    /// A number as written. <see cref="Value"/> is already scaled: a percentage is a fraction
    /// (<c>2%</c> = 0.02) and a conductance unit is applied (<c>1uS</c> = 1e-6).
    /// </summary>
    internal sealed record NumberToken(string Text, double Value, bool IsPercent, string? Unit, SourceSpan Span)
    {
        /// <summary>True when the text is a plain whole number (no point, percent or unit).</summary>
        public bool IsWhole => IsPercent == false && Unit is null && Text.IndexOf('.') < 0;
    }

    /// <summary><c>A x B</c> or <c>A x B x C</c>, or a single length.</summary>
    internal sealed record ShapeSyntax(EquatableArray<NumberToken> Dimensions, SourceSpan Span)
    {
        /// <summary>A window (kernel, pool, block, pattern) is <c>KH x KW</c> or one <c>K</c> for a square.</summary>
        public bool IsWindow => Dimensions.Count is 1 or 2;

        /// <summary>The first dimension of a window.</summary>
        public NumberToken Height => Dimensions[0];

        /// <summary>The second dimension of a window; the first again for a square <c>K</c>.</summary>
        public NumberToken Width => Dimensions.Count > 1 ? Dimensions[1] : Dimensions[0];

        /// <summary>The window as written in messages: <c>8x8</c>.</summary>
        public string WindowText => $"{Height.Text}x{Width.Text}";
    }

    /// <summary>One parsed .xmap file: its declarations and its syntax errors, both as values.</summary>
    internal sealed record XmapDocument(
        string Path,
        Identifier? Namespace,
        EquatableArray<DeclarationSyntax> Declarations,
        EquatableArray<XmapDiagnostic> Diagnostics);

    /// <summary>A file-level declaration: <c>crossbar</c>, <c>network</c>, <c>mapping</c>, ...</summary>
    internal abstract record DeclarationSyntax(string Keyword, Identifier Name)
    {
        public abstract DeclarationKind Kind { get; }

        /// <summary>The whole declaration, from its keyword to the end of its body (or of what recovery skipped).</summary>
        public SourceSpan Extent { get; init; }
    }

    /// <summary>
    /// A declaration whose header broke after its name (<c>mapping DM LeNet5 -> X {</c>, a <c>:</c> missing) or whose
    /// body does not open with <c>{</c>: its body is skipped unread, but its name stays declared, so references to it are not reported as undeclared and
    /// C# code that names it compiles against a stand-in.
    /// </summary>
    internal sealed record UnreadDeclarationSyntax(string Keyword, Identifier Name, DeclarationKind Declared) : DeclarationSyntax(Keyword, Name)
    {
        public override DeclarationKind Kind => Declared;
    }

    internal enum DeclarationKind
    {
        Crossbar,
        Systolic,
        Network,
        Pruning,
        Mapping,
        Faults,
    }
}
