using System.Text.RegularExpressions;
using MapDsl.Generator.Tests.Support;

namespace MapDsl.Generator.Tests.Examples;

/// <summary>
/// The example files of the language contract: every valid one generates code that compiles
/// with no diagnostics, every invalid one reports the ID and line its first-line comment names.
/// </summary>
public partial class ExampleFilesTests
{
    public static TheoryData<string> ValidFiles => XmapFiles.Names(XmapFiles.Valid);

    public static TheoryData<string> InvalidFiles => XmapFiles.Names(XmapFiles.Invalid);

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Valid_example_generates_code_that_compiles(string name)
    {
        var (output, run) = Compiler.Generate(string.Empty, (name, XmapFiles.Read("Valid", name)));

        run.Diagnostics.ShouldBeEmpty();
        run.GeneratedTrees.Length.ShouldBeGreaterThan(0);
        Compiler.Errors(output).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public async Task Valid_example_has_no_diagnostics(string name)
    {
        var diagnostics = await Compiler.Analyze((name, XmapFiles.Read("Valid", name)));

        diagnostics.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public async Task Invalid_example_reports_the_expected_id_on_the_expected_line(string name)
    {
        var text = XmapFiles.Read("Invalid", name);
        var expectation = Expectation().Match(text.Split('\n')[0]);
        expectation.Success.ShouldBeTrue($"{name} must start with '// expect XMAPnnnn on line N'");
        var id = expectation.Groups["id"].Value;
        var line = int.Parse(expectation.Groups["line"].Value);

        var diagnostics = await Compiler.Analyze((name, text));

        diagnostics.ShouldContain(
            d => d.Id == id && d.Location.GetLineSpan().StartLinePosition.Line + 1 == line && d.Location.GetLineSpan().Path == name,
            $"expected {id} on line {line}; got:\n{string.Join("\n", diagnostics)}");
        diagnostics.ShouldNotContain(d => d.Id.StartsWith("AD", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"expect (?<id>XMAP\d{4}) on line (?<line>\d+)")]
    private static partial Regex Expectation();
}
