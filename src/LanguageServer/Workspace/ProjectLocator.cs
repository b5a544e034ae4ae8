using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// Finds the project an .xmap file belongs to: the nearest <c>.csproj</c> in its folder or a folder
/// above it, not above the workspace folder that holds the file. Its root namespace is what MSBuild
/// gives the generator: <c>&lt;RootNamespace&gt;</c>, else the project file's name with spaces made
/// underscores (Microsoft.NET.Sdk's default). A file under no project but listed by a project's
/// <c>AdditionalFiles</c> (the examples' <c>../xmap/lenet5.xmap</c>) belongs to the first such project;
/// other files under no project share a scope with the files of their own folder; files outside every
/// workspace folder share one scope, as open files did before folders were known.
/// </summary>
internal sealed class ProjectLocator(Func<string> fallbackNamespace)
{
    private readonly Dictionary<string, ProjectScope?> _byFolder = new(StringComparer.Ordinal);
    private readonly List<string> _workspaceFolders = [];
    private List<ProjectScope>? _allProjects;

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
    public void Invalidate()
    {
        _byFolder.Clear();
        _allProjects = null;
    }

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

        // No build binds a file under no project; its folder's files are the nearest thing to one.
        return AllProjects().FirstOrDefault(p => p.Lists(path)) ?? new ProjectScope(Path.GetDirectoryName(path)!, fallbackNamespace());
    }

    // Every project of the workspace folders, in path order, for files that a project lists from outside its folder.
    private List<ProjectScope> AllProjects() =>
        _allProjects ??= [.. _workspaceFolders
            .SelectMany(f => FolderIndex.Files(f, "*.csproj"))
            .Select(p => ProjectIn(Path.GetDirectoryName(p)!))
            .OfType<ProjectScope>()
            .Distinct()
            .OrderBy(p => p.Key, StringComparer.Ordinal)];

    private ProjectScope? ProjectIn(string folder)
    {
        if (!_byFolder.TryGetValue(folder, out var scope))
        {
            var project = SafeEnumerate(folder).Order(StringComparer.Ordinal).FirstOrDefault();
            scope = project is null ? null : new ProjectScope(project, RootNamespaceOf(project) ?? fallbackNamespace()) { Includes = IncludesOf(project) };
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

    /// <summary>The project's <c>AdditionalFiles</c> that name .xmap files, as patterns over full paths.</summary>
    internal static IReadOnlyList<Regex> IncludesOf(string projectFile)
    {
        try
        {
            var folder = Path.GetDirectoryName(projectFile)!;
            return
            [
                .. XDocument.Load(projectFile).Descendants()
                    .Where(e => e.Name.LocalName == "AdditionalFiles")
                    .SelectMany(e => (e.Attribute("Include")?.Value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    .Where(i => i.EndsWith(".xmap", StringComparison.OrdinalIgnoreCase) && !i.Contains("$(", StringComparison.Ordinal))
                    .Select(i => Glob(Path.GetFullPath(Path.Combine(folder, i.Replace('\\', '/'))))),
            ];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or XmlException or ArgumentException)
        {
            return [];
        }
    }

    // MSBuild's wildcards: ** any folders, * and ? within one name.
    private static Regex Glob(string pattern)
    {
        var regex = Regex.Escape(pattern.Replace('\\', '/'))
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);
        return new Regex("^" + regex + "$", RegexOptions.CultureInvariant | (OperatingSystem.IsLinux() ? RegexOptions.None : RegexOptions.IgnoreCase));
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
