using System.Xml;
using System.Xml.Linq;

namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// Finds the project an .xmap file belongs to: the nearest <c>.csproj</c> in its folder or a folder
/// above it, not above the workspace folder that holds the file. Its root namespace is what MSBuild
/// gives the generator: <c>&lt;RootNamespace&gt;</c>, else the project file's name with spaces made
/// underscores (Microsoft.NET.Sdk's default). Files under no project share the workspace folder's
/// scope; files outside every folder share one scope, as open files did before folders were known.
/// </summary>
internal sealed class ProjectLocator(Func<string> fallbackNamespace)
{
    private readonly Dictionary<string, ProjectScope?> _byFolder = new(StringComparer.Ordinal);
    private readonly List<string> _workspaceFolders = [];

    public IReadOnlyList<string> WorkspaceFolders => _workspaceFolders;

    public void AddWorkspaceFolder(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!_workspaceFolders.Contains(full))
        {
            _workspaceFolders.Add(full);
        }
    }

    /// <summary>Forgets what project files said (one was created, changed or deleted).</summary>
    public void Invalidate() => _byFolder.Clear();

    public ProjectScope ScopeOf(string path)
    {
        var workspaceFolder = Path.IsPathRooted(path)
            ? _workspaceFolders.Where(f => DocumentPaths.IsInside(path, f)).OrderByDescending(f => f.Length).FirstOrDefault()
            : null;
        if (workspaceFolder is null)
        {
            return new ProjectScope(string.Empty, fallbackNamespace());
        }

        for (var folder = Path.GetDirectoryName(path); folder is not null && DocumentPaths.IsInside(folder, workspaceFolder); folder = Path.GetDirectoryName(folder))
        {
            if (ProjectIn(folder) is { } project)
            {
                return project;
            }
        }

        return new ProjectScope(workspaceFolder, fallbackNamespace());
    }

    private ProjectScope? ProjectIn(string folder)
    {
        if (!_byFolder.TryGetValue(folder, out var scope))
        {
            var project = SafeEnumerate(folder).Order(StringComparer.Ordinal).FirstOrDefault();
            scope = project is null ? null : new ProjectScope(project, RootNamespaceOf(project) ?? fallbackNamespace());
            _byFolder[folder] = scope;
        }

        return scope;
    }

    /// <summary>The project's root namespace, or null when it sets an empty one (the generator's fallback applies then).</summary>
    internal static string? RootNamespaceOf(string projectFile)
    {
        var fromName = Path.GetFileNameWithoutExtension(projectFile).Replace(' ', '_');
        try
        {
            var declared = XDocument.Load(projectFile).Descendants()
                .LastOrDefault(e => e.Name.LocalName == "RootNamespace" && e.Parent?.Name.LocalName == "PropertyGroup");
            if (declared is null)
            {
                return fromName;
            }

            var value = declared.Value.Trim();

            // A value built from other properties cannot be evaluated here; MSBuild's default is the nearest guess.
            return value.Contains("$(", StringComparison.Ordinal) ? fromName : value.Length == 0 ? null : value;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or XmlException)
        {
            return fromName;
        }
    }

    private static IEnumerable<string> SafeEnumerate(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder, "*.csproj").ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
