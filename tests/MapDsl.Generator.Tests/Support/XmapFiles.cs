namespace MapDsl.Generator.Tests.Support;

/// <summary>The .xmap files shipped beside the tests (copied to the output directory).</summary>
internal static class XmapFiles
{
    public static string Directory(string kind) => Path.Combine(AppContext.BaseDirectory, "Xmap", kind);

    public static IEnumerable<string> Valid => System.IO.Directory.GetFiles(Directory("Valid"), "*.xmap").Order(StringComparer.Ordinal);

    public static IEnumerable<string> Invalid => System.IO.Directory.GetFiles(Directory("Invalid"), "*.xmap").Order(StringComparer.Ordinal);

    public static string Read(string kind, string name) => File.ReadAllText(Path.Combine(Directory(kind), name));

    public static TheoryData<string> Names(IEnumerable<string> paths)
    {
        var data = new TheoryData<string>();
        foreach (var path in paths)
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }
}
