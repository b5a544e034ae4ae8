using MapDsl.Generator.Parsing;
using MapDsl.Generator.Tests.Support;

namespace MapDsl.Generator.Tests.Parsing;

/// <summary>The grammar on strings: every form of the contract, positions, and errors as values.</summary>
public class ParserTests
{
    [Fact]
    public void Parses_every_declaration_of_the_lenet5_example()
    {
        var document = XmapParser.Parse("lenet5.xmap", XmapFiles.Read("Valid", "lenet5.xmap"));

        document.Diagnostics.ShouldBeEmpty();
        document.Namespace!.Text.ShouldBe("Lab.LeNet");
        document.Declarations.Select(d => $"{d.Keyword} {d.Name.Text}").ShouldBe(
            ["crossbar Rram128", "network LeNet5", "pruning Sparse", "mapping TC", "mapping DM", "faults StuckOnHeavy"]);
        var crossbar = document.Declarations.OfType<CrossbarSyntax>().Single();
        crossbar.Size!.Dimensions.Select(d => d.Value).ShouldBe([128.0, 128.0]);
        crossbar.Levels!.Value.ShouldBe(16);
        crossbar.ConductanceOff!.Value.ShouldBe(1e-6, 1e-18);
        crossbar.ConductanceOn!.Value.ShouldBe(100e-6, 1e-18);
        crossbar.Name.Span.ShouldBe(new SourceSpan(crossbar.Name.Span.Start, 7, 4, 10));
    }

    [Theory]
    [InlineData("2%", 0.02, true, null)]
    [InlineData("0.25%", 0.0025, true, null)]
    [InlineData("0.5", 0.5, false, null)]
    [InlineData("16", 16.0, false, null)]
    public void Numbers_and_percentages(string text, double value, bool isPercent, string? unit)
    {
        var faults = Parse<FaultsSyntax>($"faults F {{ stuck-on {text}; }}");

        faults.StuckOn!.Value.ShouldBe(value, 1e-15);
        faults.StuckOn.IsPercent.ShouldBe(isPercent);
        faults.StuckOn.Unit.ShouldBe(unit);
    }

    [Theory]
    [InlineData("1S .. 2S", 1.0, 2.0)]
    [InlineData("1mS .. 2mS", 1e-3, 2e-3)]
    [InlineData("1uS .. 100uS", 1e-6, 1e-4)]
    [InlineData("5nS .. 0.5uS", 5e-9, 5e-7)]
    [InlineData("0 .. 1", 0.0, 1.0)]
    public void Conductance_units_scale_to_siemens(string range, double off, double on)
    {
        var crossbar = Parse<CrossbarSyntax>($"crossbar X {{ size 2 x 2; conductance {range}; }}");

        crossbar.ConductanceOff!.Value.ShouldBe(off, 1e-12 * Math.Max(off, 1e-9));
        crossbar.ConductanceOn!.Value.ShouldBe(on, 1e-12 * Math.Max(on, 1e-9));
    }

    [Theory]
    [InlineData("5x5", new[] { 5.0, 5.0 })]
    [InlineData("5 x 5", new[] { 5.0, 5.0 })]
    [InlineData("1 x 28 x 28", new[] { 1.0, 28.0, 28.0 })]
    [InlineData("3x32x32", new[] { 3.0, 32.0, 32.0 })]
    [InlineData("784", new[] { 784.0 })]
    public void Shapes_with_and_without_spaces(string shape, double[] dimensions)
    {
        var network = Parse<NetworkSyntax>($"network N {{ input {shape}; }}");

        network.Input!.Dimensions.Select(d => d.Value).ShouldBe(dimensions);
    }

    [Fact]
    public void Every_layer_form_and_option_order()
    {
        var network = Parse<NetworkSyntax>("""
            network N {
                input 3 x 32 x 32;
                conv a 8 kernel 3x3 pad 1 stride 2; // options in any order
                relu;
                maxpool 2x2 stride 1;
                avgpool 2x2;
                flatten;
                dense d 10;
            }
            """);

        network.Layers.Select(l => l.Kind).ShouldBe([LayerKind.Conv, LayerKind.Relu, LayerKind.MaxPool, LayerKind.AvgPool, LayerKind.Flatten, LayerKind.Dense]);
        network.Layers[0].Stride!.Value.ShouldBe(2);
        network.Layers[0].Padding!.Value.ShouldBe(1);
        network.Layers[0].Source.ShouldBe("conv a 8 kernel 3x3 pad 1 stride 2");
        network.Layers[2].Stride!.Value.ShouldBe(1);
        network.Layers[3].Stride.ShouldBeNull();
    }

    [Fact]
    public void Every_pruning_kind()
    {
        var pruning = Parse<PruningSyntax>("""
            pruning P for N {
                a: none;
                b: unstructured 50%;
                c: rows 10%;
                d: columns 0.2;
                e: blocks 8x8 50%;
                f: pattern 4 of 3x3;
                g: n:m 2:4;
                *: unstructured 90%;
            }
            """);

        pruning.Network.Text.ShouldBe("N");
        pruning.Rules.Select(r => r.Kind).ShouldBe([PruningKind.None, PruningKind.Unstructured, PruningKind.Rows, PruningKind.Columns, PruningKind.Blocks, PruningKind.Pattern, PruningKind.NOfM, PruningKind.Unstructured]);
        pruning.Rules[4].Block!.Dimensions.Select(d => d.Value).ShouldBe([8.0, 8.0]);
        pruning.Rules[5].Keep!.Value.ShouldBe(4);
        pruning.Rules[6].Keep!.Value.ShouldBe(2);
        pruning.Rules[6].Group!.Value.ShouldBe(4);
        pruning.Rules[7].IsDefault.ShouldBeTrue();
        pruning.Rules[4].Source.ShouldBe("e: blocks 8x8 50%");
    }

    [Fact]
    public void Mapping_header_and_statements()
    {
        var mapping = Parse<MappingSyntax>("mapping M: Net -> Tile { scheme weight-stationary; pruning P; quantize 8 bit; }");

        (mapping.Network.Text, mapping.Target.Text, mapping.Scheme!.Text, mapping.Pruning!.Text, mapping.Quantize!.Bits.Value)
            .ShouldBe(("Net", "Tile", "weight-stationary", "P", 8.0));
        mapping.Quantize.Words.ShouldBeEmpty();
        mapping.Quantize.Clip.ShouldBeNull();
    }

    [Theory]
    [InlineData("quantize 4 bits symmetric", "symmetric", null)]
    [InlineData("quantize 8 bit robust", "robust", null)]
    [InlineData("quantize 8 bit robust clip 0.1", "robust", 0.1)]
    [InlineData("quantize 6 bit clip 0.05", "", 0.05)]
    [InlineData("quantize 8 bit asymmetric unsigned truncate clip 0.1", "asymmetric unsigned truncate", 0.1)]
    [InlineData("quantize 8 bit truncate signed symmetric", "truncate signed symmetric", null)]
    [InlineData("quantize 8 bit round round", "round round", null)] // the binder, not the parser, rejects a repeat
    [InlineData("quantize 8 bit signed unsigned", "signed unsigned", null)]
    public void Quantize_with_words_and_a_clip(string statement, string words, double? clip)
    {
        var mapping = Parse<MappingSyntax>($"mapping M: N -> T {{ scheme offset; {statement}; }}");

        string.Join(" ", mapping.Quantize!.Words.Select(w => w.Text)).ShouldBe(words);
        mapping.Quantize.Clip?.Value.ShouldBe(clip!.Value);
        (mapping.Quantize.Clip is null).ShouldBe(clip is null);
    }

    [Fact]
    public void Each_quantize_word_keeps_its_position()
    {
        var mapping = Parse<MappingSyntax>("mapping M: N -> T {\n  quantize 8 bit unsigned robust;\n  scheme offset;\n}");

        mapping.Quantize!.Words.Select(w => (w.Text, w.Span.Line, w.Span.Column)).ShouldBe([("unsigned", 2, 18), ("robust", 2, 27)]);
    }

    [Fact]
    public void An_unknown_quantization_scheme_is_a_syntax_error_at_the_word()
    {
        var error = XmapParser.Parse("x.xmap", "mapping M: N -> T { scheme offset; quantize 8 bit fancy; }").Diagnostics.ShouldHaveSingleItem();

        (error.Span.Column, error.Message).ShouldBe((51, "expected ';', found 'fancy'"));
    }

    [Fact]
    public void Comments_may_hold_semicolons_and_braces_and_end_the_file()
    {
        var document = XmapParser.Parse("c.xmap", "// { ; }\ncrossbar X { // size 1;\n size 4 x 4; } // trailing, no newline");

        document.Diagnostics.ShouldBeEmpty();
        document.Declarations.Single().ShouldBeOfType<CrossbarSyntax>().Size!.Dimensions.Count.ShouldBe(2);
    }

    [Fact]
    public void A_missing_dimension_is_reported_where_the_number_should_be()
    {
        var document = XmapParser.Parse("syntax.xmap", XmapFiles.Read("Invalid", "syntax.xmap"));

        var error = document.Diagnostics.ShouldHaveSingleItem();
        (error.Id, error.Span.Line, error.Span.Column).ShouldBe(("XMAP0001", 5, 16));
        error.Message.ShouldBe("expected a number, found ';'");
    }

    [Fact]
    public void An_unknown_statement_names_what_the_block_accepts()
    {
        var document = XmapParser.Parse("x.xmap", "crossbar X {\n  sise 4 x 4;\n  size 4 x 4;\n}");

        var error = document.Diagnostics.ShouldHaveSingleItem();
        (error.Span.Line, error.Span.Column).ShouldBe((2, 3));
        error.Message.ShouldBe("expected 'size', 'levels' or 'conductance', found 'sise'");
    }

    [Fact]
    public void Errors_in_several_declarations_are_all_reported_and_the_rest_still_parses()
    {
        var document = XmapParser.Parse("x.xmap", """
            crossbar A { size 4 x ; levels 4; }
            network N { input 784; dense d ten; dense e 10; }
            faults F { stuck-on 2%% ; }
            systolic S { size 8 x 8; }
            """);

        document.Diagnostics.Select(d => d.Span.Line).ShouldBe([1, 2, 3]);
        document.Declarations.Select(d => d.Name.Text).ShouldBe(["A", "N", "F", "S"]);
        document.Declarations.OfType<NetworkSyntax>().Single().Layers.Select(l => l.Name!.Text).ShouldBe(["e"]);
        document.Declarations.OfType<CrossbarSyntax>().Single().Levels!.Value.ShouldBe(4);
    }

    [Fact]
    public void A_missing_closing_brace_does_not_swallow_the_next_declaration()
    {
        var document = XmapParser.Parse("x.xmap", "crossbar A { size 4 x 4;\nnetwork N { input 10; dense d 2; }");

        var error = document.Diagnostics.ShouldHaveSingleItem();
        error.Message.ShouldBe("expected '}' to close crossbar 'A', found 'network'");
        error.Span.Line.ShouldBe(2);
        document.Declarations.Select(d => d.Name.Text).ShouldBe(["A", "N"]);
    }

    [Fact]
    public void A_missing_required_statement_is_reported_at_the_name()
    {
        var document = XmapParser.Parse("x.xmap", "mapping M: N -> T { pruning P; }");

        var error = document.Diagnostics.ShouldHaveSingleItem();
        (error.Span.Line, error.Span.Column).ShouldBe((1, 9));
        error.Message.ShouldContain("needs a 'scheme NAME;' statement");
    }

    [Fact]
    public void An_unknown_scheme_lists_the_schemes()
    {
        var error = XmapParser.Parse("x.xmap", "mapping M: N -> T { scheme diagonal; }").Diagnostics.ShouldHaveSingleItem();

        error.Message.ShouldBe("expected two-column, differential, offset or weight-stationary, found 'diagonal'");
    }

    [Fact]
    public void A_repeated_statement_is_reported_at_the_repeat()
    {
        var error = XmapParser.Parse("x.xmap", "crossbar X { size 4 x 4;\n levels 4;\n levels 8; }").Diagnostics.ShouldHaveSingleItem();

        (error.Span.Line, error.Message).ShouldBe((3, "'levels' is given twice in crossbar 'X'"));
    }

    [Fact]
    public void An_unknown_top_level_word_is_skipped_with_one_error()
    {
        var document = XmapParser.Parse("x.xmap", "crosbar X { size 4 x 4; }\nsystolic S { size 2 x 2; }");

        document.Diagnostics.ShouldHaveSingleItem().Message.ShouldStartWith("expected a declaration");
        document.Declarations.Select(d => (d.Name.Text, d.GetType().Name)).ShouldBe([("X", nameof(UnreadDeclarationSyntax)), ("S", nameof(SystolicSyntax))]);
    }

    [Fact]
    public void The_namespace_comes_first_and_once()
    {
        var document = XmapParser.Parse("x.xmap", "systolic S { size 2 x 2; }\nnamespace A.B;\nnamespace C;");

        document.Namespace!.Text.ShouldBe("A.B");
        document.Diagnostics.Select(d => d.Message).ShouldBe([
            "the namespace declaration must come before the declarations of the file",
            "a file has at most one namespace declaration"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n// only a comment")]
    public void An_empty_file_declares_nothing_and_is_fine(string text)
    {
        var document = XmapParser.Parse("x.xmap", text);

        document.Declarations.ShouldBeEmpty();
        document.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Binary_input_gives_a_bounded_number_of_errors_and_no_exception()
    {
        var random = new Random(5);
        var bytes = new byte[20_000];
        random.NextBytes(bytes);
        var text = string.Concat(bytes.Select(b => (char)b));

        var document = XmapParser.Parse("blob.xmap", text);

        document.Diagnostics.Count.ShouldBeInRange(1, ParseContext.MaxSyntaxErrors + 1);
        document.Diagnostics.ShouldAllBe(d => d.Id == "XMAP0001");
    }

    private static T Parse<T>(string text)
        where T : DeclarationSyntax
    {
        var document = XmapParser.Parse("test.xmap", text);
        document.Diagnostics.ShouldBeEmpty();
        return document.Declarations.OfType<T>().Single();
    }
}
