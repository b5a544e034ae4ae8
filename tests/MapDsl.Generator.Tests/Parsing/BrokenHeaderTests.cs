using MapDsl.Generator.Parsing;
using MapDsl.Generator.Tests.Support;

namespace MapDsl.Generator.Tests.Parsing;

/// <summary>
/// A declaration whose header breaks after its name keeps the name: its body is skipped, but what names it is not
/// also reported as undeclared, and C# that names it compiles against its stand-in.
/// </summary>
public class BrokenHeaderTests
{
    [Fact]
    public void A_network_whose_header_breaks_after_its_name_is_declared_but_unread()
    {
        var program = Bind.Text("crossbar X { size 128 x 128; levels 3; }\nnetwork N ( input 4; dense a 2; }\nmapping M: N -> X { scheme offset; }");

        program.Where().ShouldBe(["XMAP0001 (2,11)"]);
        var document = XmapParser.Parse("test.xmap", "network N ( input 4; dense a 2; }");
        document.Declarations.Single().ShouldBeOfType<UnreadDeclarationSyntax>().Kind.ShouldBe(DeclarationKind.Network);
        program.StandIns.Select(s => (s.Name, s.Kind)).ShouldBe([("N", DeclarationKind.Network), ("M", DeclarationKind.Mapping)]);
        program.StandIns[0].Errors.ShouldBe("network 'N' (test.xmap line 2) has errors: test.xmap(2,11): XMAP0001: expected '{', found '(' to open the body of network 'N'");
        program.StandIns[1].NetworkWeights.ShouldBe("global::Root.N.Weights");
    }

    [Fact]
    public void A_mapping_header_missing_its_colon_leaves_its_name_declared()
    {
        var program = Bind.Text("crossbar X { size 128 x 128; levels 3; }\nnetwork N { input 4; dense a 2; }\nmapping M N -> X { scheme offset; }");

        program.Where().ShouldBe(["XMAP0001 (3,11)"]);
        var standIn = program.StandIns.ShouldHaveSingleItem();
        (standIn.Name, standIn.Kind, standIn.NetworkWeights).ShouldBe(("M", DeclarationKind.Mapping, null));
    }

    [Fact]
    public void A_misspelt_keyword_gets_its_fix_and_keeps_the_name_declared()
    {
        var program = Bind.Text("crossbar X { size 128 x 128; levels 3; }\nnetwrok N { input 4; dense a 2; }\nmapping M: N -> X { scheme offset; }");

        program.Where().ShouldBe(["XMAP0001 (2,1)"]);
        var error = program.Diagnostics.Single();
        error.Message.ShouldBe("expected a declaration (namespace, crossbar, systolic, network, pruning, mapping, faults), found 'netwrok'; did you mean 'network'?");
        (error.Span.Length, error.Fixes.Single()).ShouldBe((7, "network"));
        program.StandIns.Select(s => (s.Name, s.Kind)).ShouldBe([("N", DeclarationKind.Network), ("M", DeclarationKind.Mapping)]);
    }

    [Fact]
    public void A_word_like_no_keyword_declares_nothing()
    {
        var program = Bind.Text("banana N { input 4; }");

        program.Diagnostics.Single().Message.ShouldBe("expected a declaration (namespace, crossbar, systolic, network, pruning, mapping, faults), found 'banana'");
        program.StandIns.ShouldBeEmpty();
    }

    [Fact]
    public void A_header_without_a_name_declares_nothing()
    {
        var program = Bind.Text("network { input 4; }");

        program.Where().ShouldBe(["XMAP0001 (1,9)"]);
        program.StandIns.ShouldBeEmpty();
    }
}
