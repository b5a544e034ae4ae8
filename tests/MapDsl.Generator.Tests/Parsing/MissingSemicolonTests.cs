using MapDsl.Generator.Parsing;
using MapDsl.Generator.Tests.Support;

namespace MapDsl.Generator.Tests.Parsing;

/// <summary>
/// A forgotten <c>;</c> is one error at the end of the statement it ends, like C#'s own CS1002, and costs nothing else:
/// the statement after it still parses, so nothing it declares is later reported as undeclared.
/// </summary>
public class MissingSemicolonTests
{
    private const string Header = "crossbar X { size 128 x 128; levels 3; }\nmapping M: N -> X { scheme differential; pruning P; }\n";

    [Fact]
    public void A_layer_without_its_semicolon_keeps_the_next_layer_and_the_pruning_that_names_it()
    {
        var program = Bind.Text(Header + "network N {\n  input 16;\n  dense a 8\n  dense b 4;\n}\npruning P for N { b: unstructured 50%; }");

        program.Where().ShouldBe(["XMAP0001 (5,12)"]);
        program.Diagnostics.Single().Message.ShouldBe("expected ';' after 'dense a 8'");
        program.Declarations.OfType<MapDsl.Generator.Model.NetworkModel>().Single().Layers.Select(l => l.Name).ShouldBe(["a", "b"]);
    }

    [Fact]
    public void The_error_sits_after_the_last_token_even_with_a_comment_between()
    {
        var document = XmapParser.Parse("x.xmap", "crossbar X {\n    size 128 x 128;\n    levels 16      // 4-bit cells\n    conductance 1uS .. 100uS;\n}");

        var error = document.Diagnostics.ShouldHaveSingleItem();
        (error.Span.Line, error.Span.Column, error.Span.Length).ShouldBe((3, 14, 0));
        error.Message.ShouldBe("expected ';' after 'levels 16'");
        var crossbar = document.Declarations.Single().ShouldBeOfType<CrossbarSyntax>();
        crossbar.Levels!.Value.ShouldBe(16);
        crossbar.ConductanceOn!.Value.ShouldBe(100e-6, 1e-18);
    }

    [Theory]
    [InlineData("crossbar X { size 4 x 4 levels 3; }", 1, 24, "levels")] // the next statement's keyword, on the same line
    [InlineData("crossbar X { size 4 x 4; levels 3 }", 1, 34, "closing brace")]
    [InlineData("crossbar X { size 4 x 4; levels 3", 1, 34, "end of file")]
    public void Other_places_where_the_semicolon_is_plainly_missing(string text, int line, int column, string because)
    {
        var document = XmapParser.Parse("x.xmap", text);

        document.Diagnostics.Where(d => d.Message.StartsWith("expected ';' after", StringComparison.Ordinal))
            .Select(d => (d.Span.Line, d.Span.Column)).ShouldBe([(line, column)], because);
        document.Declarations.Single().ShouldBeOfType<CrossbarSyntax>().Levels!.Value.ShouldBe(3);
    }

    [Fact]
    public void A_pruning_rule_without_its_semicolon_keeps_the_rule_after_it()
    {
        var program = Bind.Text(Header + "network N { input 16; dense a 8; dense b 4; }\npruning P for N {\n  a: none\n  b: rows 50%;\n}");

        program.Where().ShouldBe(["XMAP0001 (5,10)"]);
        program.Declarations.OfType<MapDsl.Generator.Model.PruningModel>().Single().Layers.Select(l => l.Kind.ToString()).ShouldBe(["None", "Rows"]);
    }

    [Fact]
    public void A_namespace_without_its_semicolon_keeps_the_declaration_after_it()
    {
        var document = XmapParser.Parse("x.xmap", "namespace Lab.X\ncrossbar X { size 4 x 4; levels 3; }");

        var error = document.Diagnostics.ShouldHaveSingleItem();
        (error.Span.Line, error.Span.Column, error.Message).ShouldBe((1, 16, "expected ';' after 'namespace Lab.X'"));
        document.Namespace!.Text.ShouldBe("Lab.X");
        document.Declarations.Single().Name.Text.ShouldBe("X");
    }

    [Fact]
    public void A_wrong_token_on_the_same_line_is_still_reported_where_it_is()
    {
        var document = XmapParser.Parse("x.xmap", "crossbar X { size 4 x 4; levels 3 4; }");

        var error = document.Diagnostics.ShouldHaveSingleItem();
        (error.Span.Column, error.Message).ShouldBe((35, "expected ';', found '4'"));
    }
}
