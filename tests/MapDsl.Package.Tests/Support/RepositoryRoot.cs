namespace MapDsl.Package.Tests.Support;

/// <summary>The clone this test runs from: the first folder above the test binaries that holds MapDsl.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(folder.FullName, "MapDsl.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No MapDsl.sln above {AppContext.BaseDirectory}.");
    }
}
