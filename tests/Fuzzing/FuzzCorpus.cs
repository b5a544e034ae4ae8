namespace MapDsl.Fuzzing;

/// <summary>
/// The shipped .xmap files the byte mutator starts from: the examples, the generator tests' invalid
/// and large cases and the generated-code tests' files, read from the clone (found from the running
/// assembly's folder upwards), in ordinal order of their path so that indexes are stable.
/// </summary>
internal static class FuzzCorpus
{
    private static readonly string[] Folders =
    [
        "examples", "tests/MapDsl.Generator.Tests/Xmap", "tests/MapDsl.Generated.Tests/Xmap",
    ];

    public static IReadOnlyList<FuzzFile> Load()
    {
        var root = RepositoryRoot();
        var files = Folders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.xmap", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(relative => new FuzzFile(relative, File.ReadAllText(Path.Combine(root, relative))))
            .ToList();
        return files.Count > 0 ? files : throw new InvalidOperationException($"No shipped .xmap files under {root}.");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MapDsl.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No MapDsl.sln above {AppContext.BaseDirectory}: the fuzzer reads the shipped .xmap files from the clone.");
    }
}
