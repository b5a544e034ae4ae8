using MapDsl.LanguageServer.Protocol;

namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// The .xmap files the server knows: those of the workspace folders, read from disk, and those the
/// editor has open, whose text overrides the disk's. Files are bound per <see cref="ProjectScope"/>,
/// as each project's build binds its own files; a change re-binds only the scope it is in, at most
/// once, when a snapshot of that scope is next asked for.
/// </summary>
internal sealed class WorkspaceDocuments
{
    private readonly object _gate = new();

    // Keyed by path (DocumentPaths.PathOf), so an open document and the same file on disk are one entry.
    private readonly Dictionary<string, XmapFile> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XmapFile> _disk = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkspaceSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProjectScope> _scopes = new(StringComparer.Ordinal);
    private readonly ProjectLocator _projects;

    private string _rootNamespace;

    public WorkspaceDocuments(string rootNamespace)
    {
        _rootNamespace = rootNamespace;
        _projects = new ProjectLocator(() => RootNamespace);
    }

    /// <summary>The namespace of files without a namespace declaration outside any project (a build's RootNamespace).</summary>
    public string RootNamespace
    {
        get => _rootNamespace;
        set
        {
            lock (_gate)
            {
                _rootNamespace = value;
                _projects.Invalidate();
                _scopes.Clear();
                _snapshots.Clear();
            }
        }
    }

    /// <summary>Reads every .xmap file of a workspace folder; open documents keep their editor text.</summary>
    public void AddFolder(string folder)
    {
        lock (_gate)
        {
            _projects.AddWorkspaceFolder(folder);
            foreach (var path in FolderIndex.XmapFiles(folder))
            {
                if (FolderIndex.Read(path) is { } text)
                {
                    _disk[path] = new XmapFile(DocumentPaths.UriOf(path), null, text, isOpen: false);
                }
            }

            _scopes.Clear();
            _snapshots.Clear();
        }
    }

    public void Open(string uri, int version, string text) =>
        Update(uri, () => _open[DocumentPaths.PathOf(uri)] = new XmapFile(uri, version, text, isOpen: true));

    /// <summary>Applies a <c>didChange</c>; changes to a document that is not open are ignored (there is no text to apply them to).</summary>
    public void Change(string uri, int version, IReadOnlyList<TextDocumentContentChangeEvent> changes) =>
        Update(uri, () =>
        {
            if (_open.TryGetValue(DocumentPaths.PathOf(uri), out var current))
            {
                _open[current.Path] = new XmapFile(current.Uri, version, TextChanges.Apply(current.Text, changes), isOpen: true);
            }
        });

    /// <summary>Closes a document; a workspace file is read from disk again (the editor may have saved or discarded edits).</summary>
    public void Close(string uri) =>
        Update(uri, () =>
        {
            var path = DocumentPaths.PathOf(uri);
            _open.Remove(path);
            Reload(path);
        });

    /// <summary>A file changed, appeared or disappeared on disk (<c>workspace/didChangeWatchedFiles</c>).</summary>
    public void DiskChanged(string uri) =>
        Update(uri, () =>
        {
            var path = DocumentPaths.PathOf(uri);
            if (path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                // Files may move between projects: every scope is computed and bound again.
                _projects.Invalidate();
                _scopes.Clear();
                _snapshots.Clear();
            }
            else
            {
                Reload(path);
            }
        });

    /// <summary>The file at <paramref name="uri"/> with the bound snapshot of its scope, or null when the server does not know it.</summary>
    public (WorkspaceSnapshot Snapshot, XmapFile File)? Find(string uri)
    {
        lock (_gate)
        {
            var path = DocumentPaths.PathOf(uri);
            var file = _open.GetValueOrDefault(path) ?? _disk.GetValueOrDefault(path);
            return file is null ? null : (SnapshotOf(ScopeOf(file.Path)), file);
        }
    }

    /// <summary>
    /// Every file the server knows, open documents and the workspace folders' files alike, with the snapshot of its
    /// scope, in path order: diagnostics are published for all of them, since a build reports them all.
    /// </summary>
    public IReadOnlyList<(WorkspaceSnapshot Snapshot, XmapFile File)> AllFiles()
    {
        lock (_gate)
        {
            return
            [
                .. _disk.Values.Where(f => !_open.ContainsKey(f.Path)).Concat(_open.Values)
                    .OrderBy(f => f.Path, StringComparer.Ordinal)
                    .Select(f => (SnapshotOf(ScopeOf(f.Path)), f)),
            ];
        }
    }

    private void Reload(string path)
    {
        if (_projects.WorkspaceFolders.Any(f => DocumentPaths.IsInside(path, f)) && path.EndsWith(".xmap", StringComparison.OrdinalIgnoreCase) && FolderIndex.Read(path) is { } text)
        {
            _disk[path] = new XmapFile(DocumentPaths.UriOf(path), null, text, isOpen: false);
        }
        else
        {
            _disk.Remove(path);
        }
    }

    /// <summary>Makes a change to the file at <paramref name="uri"/>; its scope is bound again when next asked for.</summary>
    private void Update(string uri, Action change)
    {
        lock (_gate)
        {
            change();

            // The file's own scope, and every other scope whose project lists it, see the change.
            var path = DocumentPaths.PathOf(uri);
            _snapshots.Remove(ScopeOf(path).Key);
            foreach (var key in _snapshots.Where(s => s.Value.Files.Any(f => f.Path == path)).Select(s => s.Key).ToList())
            {
                _snapshots.Remove(key);
            }
        }
    }

    private ProjectScope ScopeOf(string path)
    {
        if (!_scopes.TryGetValue(path, out var scope))
        {
            scope = _projects.ScopeOf(path);
            _scopes[path] = scope;
        }

        return scope;
    }

    private WorkspaceSnapshot SnapshotOf(ProjectScope scope)
    {
        if (!_snapshots.TryGetValue(scope.Key, out var snapshot))
        {
            var files = _disk.Values.Where(f => !_open.ContainsKey(f.Path)).Concat(_open.Values)
                .Where(f => ScopeOf(f.Path) == scope || scope.Lists(f.Path))
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .ToList();
            snapshot = WorkspaceSnapshot.Bind(files, scope.RootNamespace);
            _snapshots[scope.Key] = snapshot;
        }

        return snapshot;
    }
}
