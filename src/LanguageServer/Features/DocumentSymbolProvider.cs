using MapDsl.Generator.Parsing;
using MapDsl.LanguageServer.Protocol;
using MapDsl.LanguageServer.Workspace;

namespace MapDsl.LanguageServer.Features;

/// <summary>The outline of a file: its declarations, with a network's layers (a residual block's inside it) and a pruning's rules as children.</summary>
internal static class DocumentSymbolProvider
{
    public static DocumentSymbol[] Symbols(XmapFile document)
    {
        var code = SourceScanner.WithoutComments(document.Text);
        return [.. document.Syntax.Declarations.Select(d => Symbol(document, code, d))];
    }

    private static DocumentSymbol Symbol(XmapFile document, string code, DeclarationSyntax declaration)
    {
        var name = declaration.Name.Span;
        var range = TextPositions.RangeOf(document, SourceScanner.KeywordStart(code, name.Start), SourceScanner.DeclarationEnd(code, name.End));
        return new DocumentSymbol(declaration.Name.Text, Detail(declaration), KindOf(declaration.Kind), range, TextPositions.RangeOf(document, name), Children(document, code, declaration));
    }

    private static DocumentSymbol[]? Children(XmapFile document, string code, DeclarationSyntax declaration) => declaration switch
    {
        NetworkSyntax network => Layers(document, code, network.Layers),
        PruningSyntax pruning => [.. pruning.Rules.Select(r => Child(document, r.Layer.Text, r.Source, r.Span, r.Layer.Span, SymbolKind.Property))],
        _ => null,
    };

    private static DocumentSymbol Child(XmapFile document, string name, string detail, SourceSpan span, SourceSpan nameSpan, int kind, DocumentSymbol[]? children = null) =>
        new(name, detail, kind, TextPositions.RangeOf(document, span), TextPositions.RangeOf(document, nameSpan), children);

    /// <summary>A network's layers; a residual block is a node whose children are its body's layers, then its shortcut's.</summary>
    private static DocumentSymbol[] Layers(XmapFile document, string code, IEnumerable<LayerSyntax> layers) =>
    [
        .. layers.Select(l => l.Kind == LayerKind.Residual
            ? Child(document, l.Name?.Text ?? l.Source, l.Source, BlockSpan(code, l), l.Name?.Span ?? l.Span, SymbolKind.Module, Layers(document, code, l.Body.Concat(l.Shortcut)))
            : Child(document, l.Name?.Text ?? l.Source, l.Source, l.Span, l.Name?.Span ?? l.Span, SymbolKind.Field)),
    ];

    // A block's span is its header (where its problems are reported); its outline range runs to the closing brace.
    private static SourceSpan BlockSpan(string code, LayerSyntax block)
    {
        var end = SourceScanner.DeclarationEnd(code, block.Span.End);
        return new SourceSpan(block.Span.Start, Math.Max(block.Span.Length, end - block.Span.Start), block.Span.Line, block.Span.Column);
    }

    private static string Detail(DeclarationSyntax declaration) => declaration switch
    {
        MappingSyntax mapping => $"mapping {mapping.Network.Text} -> {mapping.Target.Text}",
        PruningSyntax pruning => $"pruning for {pruning.Network.Text}",
        _ => declaration.Keyword,
    };

    private static int KindOf(DeclarationKind kind) => kind switch
    {
        DeclarationKind.Network => SymbolKind.Class,
        DeclarationKind.Mapping => SymbolKind.Function,
        DeclarationKind.Pruning => SymbolKind.Object,
        DeclarationKind.Faults => SymbolKind.Event,
        _ => SymbolKind.Struct,
    };
}
