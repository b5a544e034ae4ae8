using MapDsl.Generator.Parsing;
using MapDsl.LanguageServer.Protocol;
using MapDsl.LanguageServer.Workspace;

namespace MapDsl.LanguageServer.Features;

/// <summary>The outline of a file: its declarations, with a network's layers and a pruning's rules as children.</summary>
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
        return new DocumentSymbol(declaration.Name.Text, Detail(declaration), KindOf(declaration.Kind), range, TextPositions.RangeOf(document, name), Children(document, declaration));
    }

    private static DocumentSymbol[]? Children(XmapFile document, DeclarationSyntax declaration) => declaration switch
    {
        NetworkSyntax network => [.. network.Layers.Select(l => Child(document, l.Name?.Text ?? l.Source, l.Source, l.Span, l.Name?.Span ?? l.Span, SymbolKind.Field))],
        PruningSyntax pruning => [.. pruning.Rules.Select(r => Child(document, r.Layer.Text, r.Source, r.Span, r.Layer.Span, SymbolKind.Property))],
        _ => null,
    };

    private static DocumentSymbol Child(XmapFile document, string name, string detail, SourceSpan span, SourceSpan nameSpan, int kind) =>
        new(name, detail, kind, TextPositions.RangeOf(document, span), TextPositions.RangeOf(document, nameSpan), null);

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
