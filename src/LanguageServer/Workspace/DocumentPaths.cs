namespace MapDsl.LanguageServer.Workspace;

/// <summary>Between the URIs of the protocol and the paths the parser and binder are given.</summary>
internal static class DocumentPaths
{
    public static string PathOf(string uri) =>
        System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : uri;

    /// <summary>The <c>file:</c> URI of a path, as files read from disk are named to the editor.</summary>
    public static string UriOf(string path) => new System.Uri(path).AbsoluteUri;

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or inside it.</summary>
    public static bool IsInside(string path, string folder)
    {
        var relative = System.IO.Path.GetRelativePath(folder, path);
        return relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative));
    }
}
