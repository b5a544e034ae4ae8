namespace MapDsl.LanguageServer.Workspace;

/// <summary>Between the URIs of the protocol and the paths the parser and binder are given.</summary>
internal static class DocumentPaths
{
    public static string PathOf(string uri) =>
        System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : uri;
}
