using System.Text.RegularExpressions;

namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// The files a build would bind together, and the namespace it gives files without a namespace
/// declaration. <see cref="Key"/> is the project file's path, the folder's path for files under no
/// project, or the empty string for files outside every workspace folder. A project's files
/// are those in its folder (the package's default items) and those its <c>&lt;AdditionalFiles
/// Include="..."&gt;</c> items name elsewhere (<see cref="Includes"/>, e.g. <c>../xmap/lenet5.xmap</c>).
/// </summary>
internal sealed record ProjectScope(string Key, string RootNamespace)
{
    /// <summary>The project's explicit .xmap items as patterns over full paths (<c>*</c>, <c>**</c> and <c>?</c> as MSBuild globs).</summary>
    public IReadOnlyList<Regex> Includes { get; init; } = [];

    public bool Lists(string path) => Includes.Any(pattern => pattern.IsMatch(path.Replace('\\', '/')));

    public bool Equals(ProjectScope? other) => other is not null && Key == other.Key && RootNamespace == other.RootNamespace;

    public override int GetHashCode() => HashCode.Combine(Key, RootNamespace);
}
