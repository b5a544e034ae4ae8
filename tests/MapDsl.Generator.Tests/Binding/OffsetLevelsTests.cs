using MapDsl.Generator.Model;
using MapDsl.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace MapDsl.Generator.Tests.Binding;

/// <summary>
/// XMAP0104: offset on an even number of levels cannot hold zero, because G_mid is a level only
/// when the count is odd. A warning at the mapping's scheme word; the mapping is still generated.
/// </summary>
public class OffsetLevelsTests
{
    private const string Net = "network N { input 4; dense a 2; }\n";

    [Fact]
    public void XMAP0104_at_the_scheme_word_with_the_read_back_error_and_odd_counts()
    {
        var program = Bind.Text(Net + "crossbar X { size 8 x 8; levels 16; }\nmapping M: N -> X { scheme offset; }");

        program.Where().ShouldBe(["XMAP0104 (3,28)"]);
        program.Diagnostics.Single().Message.ShouldBe(
            "offset cannot represent zero on 'X', which has an even number of levels (16): the reference G_mid = (G_off + G_on) / 2 "
            + "lies halfway between two levels, so zero and pruned weights read back as +-w_max / 15; give 'X' an odd number of levels (15 or 17)");
        program.Declarations.OfType<MappingModel>().Single().Name.ShouldBe("M");
    }

    [Theory]
    [InlineData("", "(2, the default)", "read back as +-w_max;", "levels (3)")]
    [InlineData("levels 65536;", "(65536)", "read back as +-w_max / 65535;", "levels (65535)")]
    public void The_default_and_the_largest_count_suggest_only_valid_counts(string levels, string count, string readBack, string suggestion)
    {
        var message = Bind.Text(Net + $"crossbar X {{ size 8 x 8; {levels} }}\nmapping M: N -> X {{ scheme offset; }}").Diagnostics.Single().Message;

        message.ShouldSatisfyAllConditions(
            () => message.ShouldContain(count),
            () => message.ShouldContain(readBack),
            () => message.ShouldEndWith(suggestion));
    }

    [Theory]
    [InlineData("levels 15;", "offset")]
    [InlineData("levels 3;", "offset")]
    [InlineData("levels 16;", "two-column")]
    [InlineData("levels 16;", "differential")]
    public void Odd_levels_or_pair_schemes_are_fine(string levels, string scheme)
    {
        Bind.Text(Net + $"crossbar X {{ size 8 x 8; {levels} }}\nmapping M: N -> X {{ scheme {scheme}; }}").Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Each_offset_mapping_of_the_crossbar_is_reported_at_its_own_scheme()
    {
        var program = Bind.Text(Net + "crossbar X { size 8 x 8; levels 4; }\nmapping P: N -> X { scheme offset; }\nmapping Q: N -> X { scheme offset; quantize 8 bit; }\nmapping R: N -> X { scheme two-column; }");

        program.Where().ShouldBe(["XMAP0104 (3,28)", "XMAP0104 (4,28)"]);
    }

    [Fact]
    public async Task The_analyzer_reports_XMAP0104_as_a_warning_at_the_scheme()
    {
        var diagnostics = await Compiler.Analyze(("lab.xmap", "namespace Lab;\n" + Net + "crossbar X { size 8 x 8; levels 256; }\nmapping M: N -> X {\n    scheme offset;\n}"));

        var warning = diagnostics.ShouldHaveSingleItem();
        warning.Id.ShouldBe("XMAP0104");
        warning.Severity.ShouldBe(DiagnosticSeverity.Warning);
        warning.Location.GetLineSpan().StartLinePosition.ShouldBe(new Microsoft.CodeAnalysis.Text.LinePosition(4, 11));
        warning.GetMessage().ShouldEndWith("give 'X' an odd number of levels (255 or 257)");
    }
}
