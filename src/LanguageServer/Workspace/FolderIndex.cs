namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// The .xmap files of a workspace folder on disk, build output and version-control folders
/// excluded. A file that cannot be read is left out, as if it were not there.
/// </summary>
internal static class FolderIndex
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git", "node_modules" };

    public static IEnumerable<string> XmapFiles(string folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(folder, "*.xmap", options).ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        return files
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(Skipped.Contains))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>The file's text, or null when it is gone or unreadable.</summary>
    public static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
