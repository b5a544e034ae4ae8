using MapDsl.Generator.Tests.Support;

namespace MapDsl.Generator.Tests.Emit;

/// <summary>The generated code of every example file, and stand-ins of one with errors, compared with checked-in snapshots.</summary>
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

    /// <summary>The stand-ins of a file with errors: a network whose conv does not fit, and the mapping over it.</summary>
    [Fact]
    public void Stand_ins_match_the_snapshot()
    {
        var (_, run) = Compiler.Generate(string.Empty, ("kernel-too-large.xmap", XmapFiles.Read("Invalid", "kernel-too-large.xmap")));

        foreach (var name in new[] { "Lab.Invalid.Tiny", "Lab.Invalid.M" })
        {
            var source = run.Results.Single().GeneratedSources.Single(s => s.HintName == $"{name}.g.cs");
            Snapshot.Match(source.SourceText.ToString(), $"{name}.StandIn");
        }
    }
}
