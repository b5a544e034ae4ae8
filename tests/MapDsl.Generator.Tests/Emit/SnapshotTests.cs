using MapDsl.Generator.Tests.Support;

namespace MapDsl.Generator.Tests.Emit;

/// <summary>The generated code of every example file, compared with checked-in snapshots.</summary>
public class SnapshotTests
{
    public static TheoryData<string> ValidFiles => XmapFiles.Names(XmapFiles.Valid);

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Generated_code_matches_the_snapshot(string name)
    {
        var (_, run) = Compiler.Generate(string.Empty, (name, XmapFiles.Read("Valid", name)));

        foreach (var source in run.Results.Single().GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            Snapshot.Match(source.SourceText.ToString(), source.HintName.Replace(".g.cs", string.Empty));
        }
    }
}
