namespace MapDsl.LanguageServer.Workspace;

/// <summary>
/// The .xmap (and project) files of a workspace folder on disk. Build output, version control and
/// package folders are not entered at all, so a large <c>node_modules</c> costs nothing. A file or
/// folder that cannot be read is left out, as if it were not there.
/// </summary>
internal static class FolderIndex
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git", "node_modules" };

    public static IEnumerable<string> XmapFiles(string folder) => Files(folder, "*.xmap");

    /// <summary>The files matching <paramref name="pattern"/> in the folder and below, skipped folders excluded, in path order.</summary>
    public static IEnumerable<string> Files(string folder, string pattern)
    {
        var found = new List<string>();
        var pending = new Stack<string>([folder]);
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            try
            {
                found.AddRange(Directory.EnumerateFiles(current, pattern, options));
                foreach (var child in Directory.EnumerateDirectories(current, "*", options).Where(d => !Skipped.Contains(Path.GetFileName(d))))
                {
                    pending.Push(child);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Gone or unreadable: as if it were not there.
            }
        }

        return found.Order(StringComparer.Ordinal);
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
