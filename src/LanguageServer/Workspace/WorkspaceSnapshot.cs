using MapDsl.Generator.Binding;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// The open documents bound together with the generator's <see cref="Binder"/> (the analyzers'
/// entry point), plus the look-ups the editor features need: which namespace a document is in,
/// where a name is declared, and the bound model of a declaration.
/// </summary>
internal sealed class WorkspaceSnapshot
{
    private WorkspaceSnapshot(IReadOnlyList<OpenDocument> documents, string rootNamespace, BoundProgram program)
    {
        Documents = documents;
        RootNamespace = rootNamespace;
        Program = program;
    }

    public IReadOnlyList<OpenDocument> Documents { get; }

    public string RootNamespace { get; }

    public BoundProgram Program { get; }

    public static WorkspaceSnapshot Bind(IReadOnlyList<OpenDocument> documents, string rootNamespace) =>
        new(documents, rootNamespace, Binder.Bind(documents.Select(d => d.Syntax).ToList(), rootNamespace));

    public OpenDocument? Find(string uri) => Documents.FirstOrDefault(d => d.Uri == uri);

    /// <summary>The namespace the binder puts a document's declarations in.</summary>
    public string NamespaceOf(OpenDocument document) => document.Syntax.Namespace?.Text ?? RootNamespace;

    /// <summary>Every declaration of the open documents, with its document and namespace.</summary>
    public IEnumerable<DeclaredName> Declarations =>
        Documents.SelectMany(d => d.Syntax.Declarations.Select(s => new DeclaredName(d, NamespaceOf(d), s)));

    /// <summary>
    /// The declaration a reference names, seen from <paramref name="fromNamespace"/>: a dotted
    /// reference names a declaration of another namespace, as the binder reads it. The first
    /// declaration wins when a name is declared twice (the binder keeps the first, too).
    /// </summary>
    public DeclaredName? Resolve(string fromNamespace, string reference)
    {
        var (ns, name) = Split(fromNamespace, reference);
        return Declarations
            .Where(d => d.Namespace == ns && d.Syntax.Name.Text == name)
            .OrderBy(d => d.Document.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Syntax.Name.Span.Start)
            .FirstOrDefault();
    }

    /// <summary>The bound model of a declaration, or null when it has errors (the binder makes no model then).</summary>
    public T? ModelOf<T>(string fromNamespace, string reference)
        where T : DeclarationModel
    {
        var (ns, name) = Split(fromNamespace, reference);
        return Program.Declarations.OfType<T>().FirstOrDefault(m => m.Namespace == ns && m.Name == name);
    }

    private static (string Namespace, string Name) Split(string fromNamespace, string reference)
    {
        var dot = reference.LastIndexOf('.');
        return dot < 0 ? (fromNamespace, reference) : (reference[..dot], reference[(dot + 1)..]);
    }
}

/// <summary>A declaration as written, with where it is.</summary>
internal sealed record DeclaredName(OpenDocument Document, string Namespace, DeclarationSyntax Syntax);
