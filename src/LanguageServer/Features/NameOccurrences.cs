using MapDsl.Generator.Parsing;

namespace MapDsl.LanguageServer.Features;

/// <summary>What a name at some place in a file is.</summary>
internal enum NameRole
{
    /// <summary>The name of a declaration, where it is declared.</summary>
    Declaration,

    /// <summary>A mapping's or pruning's reference to a network, target or pruning.</summary>
    Reference,

    /// <summary>A layer's name in its network (inside a residual block, only the last part is written).</summary>
    LayerDeclaration,

    /// <summary>A residual block's name in its network.</summary>
    BlockDeclaration,

    /// <summary>A pruning rule's layer name (qualified inside a block: <c>r2.a</c>).</summary>
    LayerReference,
}

/// <summary>
/// One name in a parsed file. <see cref="Network"/> is the network a layer or block name belongs to
/// (as written: a pruning may name a network of another namespace); <see cref="Layer"/> is the
/// layer's or block's name as the binder qualifies it (<c>r2.a</c> for <c>a</c> in block <c>r2</c>).
/// </summary>
internal sealed record NameOccurrence(Identifier Name, NameRole Role, DeclarationKind[] Kinds, string? Network = null, string? Layer = null)
{
    public bool IsLayerName => Role is NameRole.LayerDeclaration or NameRole.BlockDeclaration or NameRole.LayerReference;

    public bool IsDeclaration => Role is NameRole.Declaration or NameRole.LayerDeclaration or NameRole.BlockDeclaration;
}

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
                foreach (var layer in LayersOf(network.Name.Text, network.Layers, prefix: string.Empty))
                {
                    yield return layer;
                }

                break;
            case PruningSyntax pruning:
                yield return new NameOccurrence(pruning.Network, NameRole.Reference, [DeclarationKind.Network]);
                foreach (var rule in pruning.Rules.Where(r => !r.IsDefault))
                {
                    yield return new NameOccurrence(rule.Layer, NameRole.LayerReference, [DeclarationKind.Network], pruning.Network.Text, rule.Layer.Text);
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

    /// <summary>Named layers and blocks, a block's body and shortcut qualified with its name as the binder does.</summary>
    private static IEnumerable<NameOccurrence> LayersOf(string network, IEnumerable<LayerSyntax> layers, string prefix)
    {
        foreach (var layer in layers.Where(l => l.Name is not null))
        {
            var qualified = prefix + layer.Name!.Text;
            if (layer.Kind != LayerKind.Residual)
            {
                yield return new NameOccurrence(layer.Name, NameRole.LayerDeclaration, [DeclarationKind.Network], network, qualified);
                continue;
            }

            yield return new NameOccurrence(layer.Name, NameRole.BlockDeclaration, [DeclarationKind.Network], network, qualified);
            foreach (var inner in LayersOf(network, layer.Body.Concat(layer.Shortcut), qualified + "."))
            {
                yield return inner;
            }
        }
    }
}
