using MapDsl.Runtime.Data;

namespace MapDsl.Runtime.Tests.Data;

/// <summary>The slice shipped in the repository, found by walking up from the test binaries to MapDsl.sln.</summary>
internal static class RepositoryData
{
    public static string Root =>
        DataLocator.RepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"No MapDsl.sln above {AppContext.BaseDirectory}.");

    public static string FashionSlice => Path.Combine(Root, "data", "fashion-mnist");
}
