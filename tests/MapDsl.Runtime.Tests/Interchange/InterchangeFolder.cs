namespace MapDsl.Runtime.Tests.Interchange;

/// <summary>A fresh temporary folder per test, deleted afterwards, so tests can check exactly which files a write leaves.</summary>
public abstract class InterchangeFolder : IDisposable
{
    protected string Folder { get; } = Directory.CreateTempSubdirectory("mapdsl-interchange-").FullName;

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected string PathOf(string name) => Path.Combine(Folder, name);
}
