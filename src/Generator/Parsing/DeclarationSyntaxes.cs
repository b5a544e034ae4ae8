using MapDsl.Generator.Common;

namespace MapDsl.Generator.Parsing
{
    /// <summary><c>crossbar Name { size R x C; levels L; conductance G_off .. G_on; }</c></summary>
    internal sealed record CrossbarSyntax(
        Identifier Name,
        ShapeSyntax? Size,
        NumberToken? Levels,
        NumberToken? ConductanceOff,
        NumberToken? ConductanceOn)
        : DeclarationSyntax("crossbar", Name)
    {
        public override DeclarationKind Kind => DeclarationKind.Crossbar;
    }

    /// <summary><c>systolic Name { size R x C; }</c></summary>
    internal sealed record SystolicSyntax(Identifier Name, ShapeSyntax? Size) : DeclarationSyntax("systolic", Name)
    {
        public override DeclarationKind Kind => DeclarationKind.Systolic;
    }

    /// <summary><c>network Name { input ...; layers... }</c></summary>
    internal sealed record NetworkSyntax(Identifier Name, ShapeSyntax? Input, EquatableArray<LayerSyntax> Layers)
        : DeclarationSyntax("network", Name)
    {
        public override DeclarationKind Kind => DeclarationKind.Network;
    }

    /// <summary><c>pruning Name for Network { layer: rule; *: rule; }</c></summary>
    internal sealed record PruningSyntax(Identifier Name, Identifier Network, EquatableArray<PruningRuleSyntax> Rules)
        : DeclarationSyntax("pruning", Name)
    {
        public override DeclarationKind Kind => DeclarationKind.Pruning;
    }

    /// <summary>
    /// <c>mapping Name: Network -> Target { scheme s; pruning P; quantize N bit [symmetric|robust] [clip C]; }</c>
    /// </summary>
    internal sealed record MappingSyntax(
        Identifier Name,
        Identifier Network,
        Identifier Target,
        Identifier? Scheme,
        Identifier? Pruning,
        QuantizeSyntax? Quantize)
        : DeclarationSyntax("mapping", Name)
    {
        public override DeclarationKind Kind => DeclarationKind.Mapping;
    }

    /// <summary>
    /// <c>quantize N bit [words] [clip C]</c>: the weight codes stored before mapping. <see cref="Words"/> are the
    /// range, encoding and rounding words in source order (empty for the defaults; the binder checks that they agree);
    /// <see cref="Clip"/> bounds |w|.
    /// </summary>
    internal sealed record QuantizeSyntax(NumberToken Bits, EquatableArray<Identifier> Words, NumberToken? Clip);

    /// <summary><c>faults Name { stuck-on r; stuck-off r; bit-flip r; pe r; }</c></summary>
    internal sealed record FaultsSyntax(
        Identifier Name,
        NumberToken? StuckOn,
        NumberToken? StuckOff,
        NumberToken? BitFlip,
        NumberToken? Pe)
        : DeclarationSyntax("faults", Name)
    {
        public override DeclarationKind Kind => DeclarationKind.Faults;
    }
}
