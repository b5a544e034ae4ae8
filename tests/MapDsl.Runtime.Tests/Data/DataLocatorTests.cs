using MapDsl.Runtime.Data;

namespace MapDsl.Runtime.Tests.Data;

/// <summary>
/// Where Fashion-MNIST is looked for: a named directory, then MAPDSL_DATA, then data/fashion-mnist next to the binaries,
/// then the repository's slice. Each case builds its own folders (a fake repository with MapDsl.sln, fake binaries).
/// </summary>
public sealed class DataLocatorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // Each property creates its folder when first read, so a test makes exactly the folders it reads before searching.
    private string Repository => _folder.Folder("repo");

    private string Binaries => _folder.Folder(Path.Combine("repo", "tests", "bin", "Debug", "net10.0"));

    private string RepositorySlice => _folder.Folder(Path.Combine("repo", "data", "fashion-mnist"));

    private string BesideBinaries => _folder.Folder(Path.Combine("repo", "tests", "bin", "Debug", "net10.0", "data", "fashion-mnist"));

    private string Explicit => _folder.Folder("explicit");

    private string FromEnvironment => _folder.Folder("environment");

    public DataLocatorTests() => File.WriteAllText(Path.Combine(Repository, "MapDsl.sln"), string.Empty);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_named_directory_comes_first()
    {
        (string explicitly, string environment, string repository, string beside) = (Explicit, FromEnvironment, RepositorySlice, BesideBinaries);

        DataLocator.FindFashionDirectory(explicitly, environment, Binaries).ShouldBe(explicitly);
        new[] { repository, beside }.ShouldAllBe(folder => Directory.Exists(folder));
    }

    [Fact]
    public void Then_MAPDSL_DATA()
    {
        (string environment, _, _) = (FromEnvironment, RepositorySlice, BesideBinaries);

        DataLocator.FindFashionDirectory(null, environment, Binaries).ShouldBe(environment);
        DataLocator.FindFashionDirectory(string.Empty, environment, Binaries).ShouldBe(environment);
    }

    [Fact]
    public void Then_the_slice_next_to_the_binaries()
    {
        (_, string beside) = (RepositorySlice, BesideBinaries);

        DataLocator.FindFashionDirectory(null, null, Binaries).ShouldBe(beside);
        DataLocator.FindFashionDirectory(null, string.Empty, Binaries).ShouldBe(beside);
    }

    [Fact]
    public void Then_the_repository_slice_found_by_walking_up_to_MapDsl_sln()
    {
        string repository = RepositorySlice;

        DataLocator.FindFashionDirectory(null, null, Binaries).ShouldBe(repository);
        DataLocator.RepositoryRoot(Binaries).ShouldBe(Repository);
    }

    [Fact]
    public void A_parent_of_fashion_mnist_is_accepted()
    {
        string parent = _folder.Folder("datasets");
        string inner = _folder.Folder(Path.Combine("datasets", "fashion-mnist"));

        DataLocator.FindFashionDirectory(parent, null, Binaries).ShouldBe(inner);
        DataLocator.FindFashionDirectory(null, parent, Binaries).ShouldBe(inner);
    }

    [Fact]
    public void A_folder_with_the_files_is_used_even_if_it_has_a_fashion_mnist_child()
    {
        string parent = _folder.Folder("datasets");
        _folder.Folder(Path.Combine("datasets", "fashion-mnist"));
        Idx.WriteLabels(Path.Combine(parent, "t10k-images-idx3-ubyte"), [1]);

        DataLocator.FindFashionDirectory(parent, null, Binaries).ShouldBe(parent);
    }

    [Fact]
    public void A_missing_named_directory_is_an_error_not_a_fallback()
    {
        _ = RepositorySlice;
        string missing = Path.Combine(_folder.Path, "nowhere");

        var named = Should.Throw<DirectoryNotFoundException>(() => DataLocator.FindFashionDirectory(missing, null, Binaries));
        named.Message.ShouldContain($"{missing} does not exist");
        named.Message.ShouldContain("--data DIR");
        named.Message.ShouldContain("MAPDSL_DATA");

        var environment = Should.Throw<DirectoryNotFoundException>(() => DataLocator.FindFashionDirectory(null, missing, Binaries));
        environment.Message.ShouldStartWith($"MAPDSL_DATA={missing}:");
    }

    [Fact]
    public void Nothing_found_lists_the_paths_tried_and_how_to_point_at_a_full_copy()
    {
        var error = Should.Throw<DirectoryNotFoundException>(() => DataLocator.FindFashionDirectory(null, null, Binaries));

        error.Message.ShouldContain("MAPDSL_DATA is not set");
        error.Message.ShouldContain(Path.Combine(Binaries, "data", "fashion-mnist") + " (next to the binaries)");
        error.Message.ShouldContain(Path.Combine(Repository, "data", "fashion-mnist") + " (the repository's slice)");
        error.Message.ShouldContain("--data DIR");
        error.Message.ShouldContain("/usr/share/datasets/fashion-mnist");
    }

    [Fact]
    public void Outside_a_repository_the_error_says_no_MapDsl_sln_was_found()
    {
        string elsewhere = _folder.Folder("elsewhere");

        Should.Throw<DirectoryNotFoundException>(() => DataLocator.FindFashionDirectory(null, null, elsewhere))
            .Message.ShouldContain($"no folder holding MapDsl.sln above {elsewhere}");
    }
}
