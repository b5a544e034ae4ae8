namespace MapDsl.Package.Tests.Support;

/// <summary>
/// The MapDsl package packed from this clone, once per test run, into a temp feed folder.
/// Built with its own artifacts path: nothing stale from the clone's bin/ and obj/ gets in,
/// and a build of the clone running meanwhile is not disturbed.
/// </summary>
public sealed class PackedPackage : IAsyncLifetime
{
    private const string Id = "MapDsl";

    private readonly TempFolder _root = new("package");

    /// <summary>The folder consumers use as a package source; holds only the .nupkg.</summary>
    public string Feed => _root.File("feed");

    /// <summary>Where consumers restore to: never the machine's cache, which may hold an older build of the same version.</summary>
    public string RestoredPackages => _root.File("restored");

    public string Version { get; private set; } = string.Empty;

    public string NupkgPath => Path.Combine(Feed, $"{Id}.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        var pack = await Dotnet.RunAsync(
            RepositoryRoot.Path,
            "pack", RepositoryRoot.File("src", "Runtime", "MapDsl.Runtime.csproj"),
            "--output", Feed,
            "--artifacts-path", _root.File("artifacts"));
        if (!pack.Succeeded)
        {
            throw new InvalidOperationException(pack.ToString());
        }

        // The version comes from Directory.Build.props; read it off the file name rather than repeat it here.
        var nupkg = Path.GetFileName(Directory.GetFiles(Feed, $"{Id}.*.nupkg").Single());
        Version = nupkg[(Id.Length + 1)..^".nupkg".Length];
    }

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}
