using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;
using MapDsl.Generator.Parsing.Declarations;
using MapDsl.LanguageServer.Protocol;
using MapDsl.LanguageServer.Workspace;

namespace MapDsl.LanguageServer.Features;

/// <summary>
/// Completion: the keywords valid where the caret is (top level or a declaration's body), and
/// declared names of the kind the grammar expects there: targets after <c>-></c>, networks after
/// <c>for</c> and after a mapping's <c>:</c>, prunings after <c>pruning</c> in a mapping body.
/// </summary>
internal static class CompletionProvider
{
    public static CompletionItem[] Complete(WorkspaceSnapshot snapshot, XmapFile document, Position position)
    {
        var caret = TextPositions.OffsetOf(document, position);
        var context = CaretContext.At(document.Text, caret);
        var names = new DeclaredNames(snapshot, snapshot.NamespaceOf(document));
        var items = context.Declaration is null ? TopLevel(context, names) : InBody(context, names);
        var word = TextPositions.RangeOf(document, Math.Min(context.WordStart, caret), caret);
        return [.. items.Select(i => i.Kind == CompletionItemKind.Keyword ? i : i with { TextEdit = new TextEdit(word, i.Label) })];
    }

    private static CompletionItem[] TopLevel(CaretContext context, DeclaredNames names) => context.Statement switch
    {
        [] => Keywords(LanguageWords.TopLevel),
        [.., "->"] => names.Of(DeclarationKind.Crossbar, DeclarationKind.Systolic),
        [.., "for"] => names.Of(DeclarationKind.Network),
        ["mapping", _, ":"] => names.Of(DeclarationKind.Network),
        _ => [],
    };

    private static CompletionItem[] InBody(CaretContext context, DeclaredNames names) => (context.Declaration, context.Statement) switch
    {
        ("pruning", []) => [.. names.LayersOf(NetworkOfPruning(context.Header)), new CompletionItem("*", CompletionItemKind.Value, "every other layer")],
        ("pruning", [_, ":"]) => Keywords(LanguageWords.PruningKinds),
        ("mapping", ["pruning"]) => names.Of(DeclarationKind.Pruning),
        ("mapping", ["scheme"]) => Keywords(MappingParser.SchemeWords),
        ("mapping", ["quantize", _, "bit" or "bits", ..]) => Keywords([.. MappingParser.QuantizeWords, "clip"]),
        (var keyword, []) when LanguageWords.Bodies.TryGetValue(keyword!, out var statements) => Keywords(statements),
        _ => [],
    };

    /// <summary><c>pruning Name for Network {</c>: the network's name as written.</summary>
    private static string? NetworkOfPruning(IReadOnlyList<string> header) => header is ["pruning", _, "for", var network, ..] ? network : null;

    private static CompletionItem[] Keywords(IEnumerable<string> words) =>
        [.. words.Select(w => new CompletionItem(w, CompletionItemKind.Keyword, null))];

    /// <summary>Declared names as a reference from <c>fromNamespace</c> writes them: plain in its own namespace, qualified otherwise.</summary>
    private sealed class DeclaredNames(WorkspaceSnapshot snapshot, string fromNamespace)
    {
        public CompletionItem[] Of(params DeclarationKind[] kinds) =>
        [
            .. snapshot.Declarations
                .Where(d => kinds.Contains(d.Syntax.Kind))
                .Select(d => new CompletionItem(d.Namespace == fromNamespace ? d.Syntax.Name.Text : $"{d.Namespace}.{d.Syntax.Name.Text}", KindOf(d.Syntax.Kind), d.Syntax.Keyword))
                .DistinctBy(item => item.Label)
                .OrderBy(item => item.Label, StringComparer.Ordinal),
        ];

        /// <summary>The weighted layers of a network (a pruning rule names one of those).</summary>
        public IEnumerable<CompletionItem> LayersOf(string? network) =>
            network is null || snapshot.ModelOf<NetworkModel>(fromNamespace, network) is not { } model
                ? []
                : model.WeightedLayers.Select(l => new CompletionItem(l.Name!, CompletionItemKind.Property, l.Source));

        private static int KindOf(DeclarationKind kind) => kind switch
        {
            DeclarationKind.Network => CompletionItemKind.Class,
            DeclarationKind.Pruning => CompletionItemKind.Reference,
            _ => CompletionItemKind.Struct,
        };
    }
}
