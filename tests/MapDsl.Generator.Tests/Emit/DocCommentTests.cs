using System.Text.RegularExpressions;
using MapDsl.Generator.Tests.Support;

namespace MapDsl.Generator.Tests.Emit;

/// <summary>
/// The generated doc comments read as text in the IDE: the writer escapes summaries, so an XML tag written into one
/// shows up as "&lt;c&gt;" instead of formatting. Code in summaries is marked with backticks.
/// </summary>
public partial class DocCommentTests
{
    public static TheoryData<string> ValidFiles => XmapFiles.Names(XmapFiles.Valid);

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void No_generated_doc_comment_holds_an_escaped_xml_tag(string name)
    {
        var (_, run) = Compiler.Generate(string.Empty, (name, XmapFiles.Read("Valid", name)));

        var escaped = run.Results.Single().GeneratedSources
            .SelectMany(source => source.SourceText.Lines.Select(line => $"{source.HintName}: {line.ToString().Trim()}"))
            .Where(line => EscapedTag().IsMatch(line));

        escaped.ShouldBeEmpty();
    }

    // The tags of C# doc comments; an escaped placeholder such as `&lt;layer&gt;.weight` is meant as text.
    [GeneratedRegex(@"///.*&lt;/?(c|code|see|seealso|paramref|typeparamref|para|list|item|b|i)( [^&]*)?/?&gt;")]
    private static partial Regex EscapedTag();
}
