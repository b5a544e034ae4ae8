namespace MapDsl.LanguageServer.Tests.Support;

/// <summary>A folder of files on disk for one test, deleted afterwards: a workspace the server indexes.</summary>
internal sealed class TempWorkspace : IDisposable
{
    public TempWorkspace(params (string RelativePath, string Text)[] files)
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mapdsl-lsp-tests", Guid.NewGuid().ToString("N"));
        foreach (var (relativePath, text) in files)
        {
            Write(relativePath, text);
        }
    }

    public string Root { get; }

    public string Path(string relativePath) => System.IO.Path.Combine(Root, relativePath);

    public string Uri(string relativePath) => new Uri(Path(relativePath)).AbsoluteUri;

    public void Write(string relativePath, string text)
    {
        var path = Path(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
