using MapDsl.Generator.Binding;
using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;

namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// The files of one project scope bound together with the generator's <see cref="Binder"/> (the
/// analyzers' entry point), plus the look-ups the editor features need: which namespace a file is
/// in, where a name is declared, and the bound model of a declaration.
/// </summary>
internal sealed class WorkspaceSnapshot
{
    private WorkspaceSnapshot(IReadOnlyList<XmapFile> files, string rootNamespace, BoundProgram program)
    {
        Files = files;
        RootNamespace = rootNamespace;
        Program = program;
        _firstDeclarations = new Lazy<Dictionary<(string, string), DeclaredName>>(() => Declarations
            .OrderBy(d => d.File.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Syntax.Name.Span.Start)
            .GroupBy(d => (d.Namespace, d.Syntax.Name.Text))
            .ToDictionary(g => g.Key, g => g.First()));
    }

    // By (namespace, name), the declaration the binder keeps: references resolve in constant time.
    private readonly Lazy<Dictionary<(string, string), DeclaredName>> _firstDeclarations;

    /// <summary>The scope's files, open or read from disk, in path order (the binder's order).</summary>
    public IReadOnlyList<XmapFile> Files { get; }

    public string RootNamespace { get; }

    public BoundProgram Program { get; }

    public static WorkspaceSnapshot Bind(IReadOnlyList<XmapFile> files, string rootNamespace) =>
        new(files, rootNamespace, Binder.Bind(files.Select(d => d.Syntax).ToList(), rootNamespace));

    /// <summary>The namespace the binder puts a file's declarations in.</summary>
    public string NamespaceOf(XmapFile file) => file.Syntax.Namespace?.Text ?? RootNamespace;

    /// <summary>Every declaration of the scope, with its file and namespace.</summary>
    public IEnumerable<DeclaredName> Declarations =>
        Files.SelectMany(d => d.Syntax.Declarations.Select(s => new DeclaredName(d, NamespaceOf(d), s)));

    /// <summary>
    /// The declaration a reference names, seen from <paramref name="fromNamespace"/>: a dotted
    /// reference names a declaration of another namespace, as the binder reads it. The first
    /// declaration wins when a name is declared twice (the binder keeps the first, too).
    /// </summary>
    public DeclaredName? Resolve(string fromNamespace, string reference) =>
        _firstDeclarations.Value.GetValueOrDefault(Split(fromNamespace, reference));

    /// <summary>The bound model of a declaration, or null when it has errors (the binder makes no model then).</summary>
    public T? ModelOf<T>(string fromNamespace, string reference)
        where T : DeclarationModel
    {
        var (ns, name) = Split(fromNamespace, reference);
        return Program.Declarations.OfType<T>().FirstOrDefault(m => m.Namespace == ns && m.Name == name);
    }

    /// <summary>The stand-in the generator emits for a declaration with errors, or null when it has none.</summary>
    public StandInModel? StandInOf(string fromNamespace, string reference)
    {
        var (ns, name) = Split(fromNamespace, reference);
        return Program.StandIns.FirstOrDefault(s => s.Namespace == ns && s.Name == name);
    }

    private static (string Namespace, string Name) Split(string fromNamespace, string reference)
    {
        var dot = reference.LastIndexOf('.');
        return dot < 0 ? (fromNamespace, reference) : (reference[..dot], reference[(dot + 1)..]);
    }
}

/// <summary>A declaration as written, with where it is.</summary>
internal sealed record DeclaredName(XmapFile File, string Namespace, DeclarationSyntax Syntax);
