using MapDsl.Generator.Parsing;

namespace MapDsl.LanguageServer.Features;

/// <summary>What a name at some place in a file is.</summary>
internal enum NameRole
{
    /// <summary>The name of a declaration, where it is declared.</summary>
    Declaration,

    /// <summary>A mapping's or pruning's reference to a network, target or pruning.</summary>
    Reference,

    /// <summary>A layer's name in its network.</summary>
    LayerDeclaration,

    /// <summary>A pruning rule's layer name.</summary>
    LayerReference,
}

/// <summary>
/// One name in a parsed file. <see cref="Network"/> is the network a layer name belongs to (as
/// written: a pruning may name a network of another namespace).
/// </summary>
internal sealed record NameOccurrence(Identifier Name, NameRole Role, DeclarationKind[] Kinds, string? Network = null);

/// <summary>The names of a parsed file, read off the parser's syntax records (never re-parsed).</summary>
internal static class NameOccurrences
{
    private static readonly DeclarationKind[] Targets = [DeclarationKind.Crossbar, DeclarationKind.Systolic];

    public static IEnumerable<NameOccurrence> Of(XmapDocument document) => document.Declarations.SelectMany(Of);

    /// <summary>The name covering <paramref name="offset"/> (its end included, where an editor's caret sits after typing it).</summary>
    public static NameOccurrence? At(XmapDocument document, int offset) =>
        Of(document).FirstOrDefault(o => o.Name.Span.Start <= offset && offset <= o.Name.Span.End);

    private static IEnumerable<NameOccurrence> Of(DeclarationSyntax declaration)
    {
        yield return new NameOccurrence(declaration.Name, NameRole.Declaration, [declaration.Kind]);
        switch (declaration)
        {
            case NetworkSyntax network:
                foreach (var layer in network.Layers.Where(l => l.Name is not null))
                {
                    yield return new NameOccurrence(layer.Name!, NameRole.LayerDeclaration, [DeclarationKind.Network], network.Name.Text);
                }

                break;
            case PruningSyntax pruning:
                yield return new NameOccurrence(pruning.Network, NameRole.Reference, [DeclarationKind.Network]);
                foreach (var rule in pruning.Rules.Where(r => r.Layer.Text != "*"))
                {
                    yield return new NameOccurrence(rule.Layer, NameRole.LayerReference, [DeclarationKind.Network], pruning.Network.Text);
                }

                break;
            case MappingSyntax mapping:
                yield return new NameOccurrence(mapping.Network, NameRole.Reference, [DeclarationKind.Network]);
                yield return new NameOccurrence(mapping.Target, NameRole.Reference, Targets);
                if (mapping.Pruning is { } pruningName)
                {
                    yield return new NameOccurrence(pruningName, NameRole.Reference, [DeclarationKind.Pruning]);
                }

                break;
        }
    }
}
