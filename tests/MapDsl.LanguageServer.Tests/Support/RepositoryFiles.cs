using System.Runtime.CompilerServices;

namespace MapDsl.LanguageServer.Tests.Support;

/// <summary>The .xmap files of this clone, found from this source file's own path at compile time.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Every .xmap file inside the repository (build output excluded), relative to the root.</summary>
    public static IReadOnlyList<string> Xmap { get; } =
    [
        .. Directory.EnumerateFiles(Root, "*.xmap", SearchOption.AllDirectories)
            .Select(p => System.IO.Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Where(p => !p.Split('/').Any(part => part is "bin" or "obj" or ".git" or "node_modules"))
            .Order(StringComparer.Ordinal),
    ];

    public static string Uri(string relativePath) => new Uri(Path(relativePath)).AbsoluteUri;

    private static string FindRoot([CallerFilePath] string here = "")
    {
        for (var folder = new DirectoryInfo(System.IO.Path.GetDirectoryName(here)!); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "MapDsl.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No MapDsl.sln above {here}.");
    }
}
