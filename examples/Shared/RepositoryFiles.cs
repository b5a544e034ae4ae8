namespace MapDsl.Examples;

/// <summary>
/// Files that ship with this repository (the trained models), found from wherever an example runs: its build output
/// sits below the repository, so walking up to the folder holding MapDsl.sln finds them. Linked into every example
/// (each example's generated LeNet5 types differ, so the loading itself stays in the example).
/// </summary>
internal static class RepositoryFiles
{
    /// <summary>The full path of a file given relative to the repository root, e.g. ("models", "lenet5.safetensors").</summary>
    /// <exception cref="DirectoryNotFoundException">The program does not run from inside the repository.</exception>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root(), .. parts]);

    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "MapDsl.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Could not find the repository (MapDsl.sln) above the program; pass --weights PATH.");
    }
}
