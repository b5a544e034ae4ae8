using System.Runtime.CompilerServices;

namespace MapDsl.Generator.Tests.Support;

/// <summary>Files of this clone (docs, build props), found from this source file's own path at compile time.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

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
