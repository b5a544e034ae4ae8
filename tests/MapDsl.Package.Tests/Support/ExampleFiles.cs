namespace MapDsl.Package.Tests.Support;

/// <summary>The .xmap files of this clone that the consumers compile.</summary>
internal static class ExampleFiles
{
    public static IEnumerable<string> Valid => Directory.GetFiles(RepositoryRoot.File("examples", "xmap"), "*.xmap");

    public static string Invalid(string fileName) =>
        RepositoryRoot.File("tests", "MapDsl.Generator.Tests", "Xmap", "Invalid", fileName);
}
