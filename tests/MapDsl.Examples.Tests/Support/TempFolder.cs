namespace MapDsl.Examples.Tests.Support;

/// <summary>A fresh output folder under the system temp folder for one test class, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    /// <param name="purpose">Part of the folder's name (<c>mapdsl-kill-...</c>), to tell leftovers apart.</param>
    public TempFolder(string purpose) => Path = Directory.CreateTempSubdirectory($"mapdsl-{purpose}-").FullName;

    public string Path { get; }

    /// <summary>A file or folder inside, by its path parts.</summary>
    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
