namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// The open .xmap documents. Every change makes a new <see cref="WorkspaceSnapshot"/>: the
/// documents are bound together, as a build binds a project's files together, so references
/// resolve across open files of a namespace.
/// </summary>
internal sealed class WorkspaceDocuments
{
    private readonly object _gate = new();
    private readonly Dictionary<string, OpenDocument> _documents = new(StringComparer.Ordinal);
    private WorkspaceSnapshot? _snapshot;

    public WorkspaceDocuments(string rootNamespace)
    {
        RootNamespace = rootNamespace;
    }

    /// <summary>The namespace of files without a namespace declaration (the project's RootNamespace in a build).</summary>
    public string RootNamespace { get; set; }

    public void Open(string uri, int version, string text) => Update(uri, new OpenDocument(uri, version, text));

    public void Change(string uri, int version, string text) => Update(uri, new OpenDocument(uri, version, text));

    public void Close(string uri)
    {
        lock (_gate)
        {
            _documents.Remove(uri);
            _snapshot = null;
        }
    }

    /// <summary>The documents as bound now; binding happens at most once per change.</summary>
    public WorkspaceSnapshot Snapshot()
    {
        lock (_gate)
        {
            return _snapshot ??= WorkspaceSnapshot.Bind(_documents.Values.ToList(), RootNamespace);
        }
    }

    private void Update(string uri, OpenDocument document)
    {
        lock (_gate)
        {
            _documents[uri] = document;
            _snapshot = null;
        }
    }
}
