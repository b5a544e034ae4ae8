using MapDsl.Generator.Parsing;

namespace MapDsl.Generator.Tests.Parsing;

/// <summary>
/// The version 2 forms: batchnorm, global-avgpool, dropout, residual blocks with an optional shortcut, qualified
/// names in pruning rules; and recovery inside blocks (a broken statement or block loses nothing after it).
/// </summary>
public class Version2ParserTests
{
    [Fact]
    public void Every_version2_layer_form()
    {
        var network = Parse<NetworkSyntax>("""
            network N {
                input 3 x 8 x 8;
                conv stem 4 kernel 3 pad 1;
                batchnorm stem_bn;
                global-avgpool;
                dropout 20%;
                dense fc 10;
            }
            """);

        network.Layers.Select(l => l.Kind).ShouldBe([LayerKind.Conv, LayerKind.BatchNorm, LayerKind.GlobalAvgPool, LayerKind.Dropout, LayerKind.Dense]);
        network.Layers[1].Name!.Text.ShouldBe("stem_bn");
        network.Layers[1].Source.ShouldBe("batchnorm stem_bn");
        network.Layers[2].Name.ShouldBeNull();
        network.Layers[3].Rate!.Value.ShouldBe(0.2, 1e-15);
        network.Layers[3].Rate!.IsPercent.ShouldBeTrue();
    }

    [Fact]
    public void A_residual_block_with_body_and_shortcut()
    {
        var network = Parse<NetworkSyntax>("""
            network N {
                input 16 x 8 x 8;
                residual r2 {
                    conv a 32 kernel 3x3 stride 2 pad 1;
                    batchnorm a_bn;
                    relu;
                    shortcut {
                        conv s 32 kernel 1x1 stride 2;
                        batchnorm s_bn;
                    }
                }
                relu;
            }
            """);

        network.Layers.Select(l => l.Kind).ShouldBe([LayerKind.Residual, LayerKind.Relu]);
        var block = network.Layers[0];
        block.Name!.Text.ShouldBe("r2");
        block.Source.ShouldBe("residual r2");
        (block.Span.Line, block.Span.Column, block.Span.Length).ShouldBe((3, 5, "residual r2".Length));
        block.Body.Select(l => l.Name?.Text ?? l.Kind.ToString()).ShouldBe(["a", "a_bn", "Relu"]);
        block.HasShortcut.ShouldBeTrue();
        block.Shortcut.Select(l => l.Name!.Text).ShouldBe(["s", "s_bn"]);
        block.Shortcut[0].Stride!.Value.ShouldBe(2);
    }

    [Theory]
    [InlineData("residual r { relu; }", false, 0)]
    [InlineData("residual r { relu; shortcut { } }", true, 0)]
    [InlineData("residual r { shortcut { relu; } relu; }", true, 1)] // the shortcut may stand anywhere in its block
    public void A_shortcut_is_optional_and_may_be_empty(string block, bool hasShortcut, int shortcutLayers)
    {
        var residual = Parse<NetworkSyntax>($"network N {{ input 4; {block} }}").Layers.Single();

        residual.HasShortcut.ShouldBe(hasShortcut);
        residual.Shortcut.Count.ShouldBe(shortcutLayers);
        residual.Body.Single().Kind.ShouldBe(LayerKind.Relu);
    }

    [Fact]
    public void Pruning_rules_take_qualified_layer_names()
    {
        var pruning = Parse<PruningSyntax>("pruning P for N {\n  r2.a: unstructured 50%;\n  stem: none;\n  *: rows 10%;\n}");

        pruning.Rules.Select(r => r.Layer.Text).ShouldBe(["r2.a", "stem", "*"]);
        (pruning.Rules[0].Layer.Span.Line, pruning.Rules[0].Layer.Span.Column, pruning.Rules[0].Layer.Span.Length).ShouldBe((2, 3, 4));
        pruning.Rules[0].Source.ShouldBe("r2.a: unstructured 50%");
    }

    [Fact]
    public void A_nested_residual_is_reported_at_its_keyword_and_the_rest_still_parses()
    {
        var document = XmapParser.Parse("x.xmap", """
            network N {
                input 4;
                residual r1 {
                    relu;
                    residual r2 { relu; }
                    dense d 4;
                }
                dense out 2;
            }
            """);

        var error = document.Diagnostics.ShouldHaveSingleItem();
        (error.Id, error.Span.Line, error.Span.Column).ShouldBe(("XMAP0001", 5, 9));
        error.Message.ShouldBe("residual blocks do not nest: 'r2' is inside residual 'r1' (is the '}' of 'r1' missing?)");
        var network = document.Declarations.OfType<NetworkSyntax>().Single();
        network.Layers.Select(l => l.Name?.Text).ShouldBe(["r1", "out"]);
        network.Layers[0].Body.Select(l => l.Kind).ShouldBe([LayerKind.Relu, LayerKind.Dense]);
    }

    [Fact]
    public void A_residual_inside_a_shortcut_does_not_nest_either()
    {
        var error = XmapParser.Parse("x.xmap", "network N { input 4; residual r1 { relu; shortcut { residual r2 { relu; } } } }").Diagnostics.ShouldHaveSingleItem();

        error.Message.ShouldBe("residual blocks do not nest: 'r2' is inside the shortcut of residual 'r1' (is the '}' of 'r1' missing?)");
    }

    [Fact]
    public void A_bad_statement_inside_a_block_is_skipped_and_the_block_and_the_file_go_on()
    {
        var document = XmapParser.Parse("x.xmap", """
            network N {
                input 4;
                residual r {
                    dense a ten;
                    relu;
                    shortcut { dense s; dense t 4; }
                    input 4;
                }
                dense out 2;
            }
            faults F { pe 1%; }
            """);

        document.Diagnostics.Select(d => (d.Span.Line, d.Message)).ShouldBe([
            (4, "expected a number, found 'ten'"),
            (6, "expected a number, found ';'"),
            (7, "expected 'conv', 'dense', 'relu', 'maxpool', 'avgpool', 'flatten', 'batchnorm', 'global-avgpool', 'dropout' or 'shortcut', found 'input'")]);
        document.Declarations.Select(d => d.Name.Text).ShouldBe(["N", "F"]);
        var block = document.Declarations.OfType<NetworkSyntax>().Single().Layers[0];
        block.Body.Single().Kind.ShouldBe(LayerKind.Relu);
        block.Shortcut.Single().Name!.Text.ShouldBe("t");
        document.Declarations.OfType<NetworkSyntax>().Single().Layers[1].Name!.Text.ShouldBe("out");
    }

    [Theory]
    [InlineData("residual { relu; }", "expected a name, found '{' to name the residual block")]
    [InlineData("residual r relu;", "expected '{', found 'relu' to open the body of residual 'r'")]
    [InlineData("residual r { relu; shortcut relu; }", "expected '{', found 'relu' to open the shortcut")]
    public void A_broken_block_header_loses_nothing_after_the_block(string block, string message)
    {
        var document = XmapParser.Parse("x.xmap", $"network N {{ input 4; {block} dense out 2; }}\nfaults F {{ pe 1%; }}");

        document.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe(message);
        document.Declarations.Select(d => d.Name.Text).ShouldBe(["N", "F"]);
        document.Declarations.OfType<NetworkSyntax>().Single().Layers.Last().Name!.Text.ShouldBe("out");
    }

    [Fact]
    public void Two_shortcuts_and_a_shortcut_outside_a_block_are_errors()
    {
        var document = XmapParser.Parse("x.xmap", "network N {\n input 4;\n residual r { relu; shortcut { } shortcut { relu; } }\n shortcut { relu; }\n dense out 2;\n}");

        document.Diagnostics.Select(d => (d.Span.Line, d.Span.Column, d.Message)).ShouldBe([
            (3, 34, "residual 'r' has two shortcuts; a block has at most one"),
            (4, 2, "'shortcut' belongs inside a residual block: residual NAME { layers; shortcut { layers; } }")]);
        var network = document.Declarations.OfType<NetworkSyntax>().Single();
        network.Layers.Select(l => l.Kind).ShouldBe([LayerKind.Residual, LayerKind.Dense]);
        network.Layers[0].Shortcut.ShouldBeEmpty(); // the first one counts
    }

    [Fact]
    public void A_missing_block_brace_is_reported_and_the_next_declaration_still_parses()
    {
        var document = XmapParser.Parse("x.xmap", "network N {\n input 4;\n residual r {\n  relu;\n}\nfaults F { pe 1%; }");

        document.Diagnostics.Select(d => d.Message).ShouldBe(["expected '}' to close network 'N', found 'faults'"]);
        document.Declarations.Select(d => d.Name.Text).ShouldBe(["N", "F"]);
    }

    [Theory]
    [InlineData("batchnorm;", "expected a name, found ';'")]
    [InlineData("dropout;", "expected a number, found ';'")]
    [InlineData("dropout -5%;", "expected a number, found '-'")]
    [InlineData("global-avgpool 2;", "expected ';', found '2'")]
    public void Malformed_version2_layers_are_syntax_errors(string layer, string message)
    {
        var document = XmapParser.Parse("x.xmap", $"network N {{ input 1 x 4 x 4; {layer} dense out 2; }}");

        document.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe(message);
        document.Declarations.OfType<NetworkSyntax>().Single().Layers.Single().Name!.Text.ShouldBe("out");
    }

    [Fact]
    public void An_unknown_top_level_statement_lists_the_version2_words()
    {
        var error = XmapParser.Parse("x.xmap", "network N { input 4; batchnorma b; }").Diagnostics.ShouldHaveSingleItem();

        error.Message.ShouldBe(
            "expected 'input', 'conv', 'dense', 'relu', 'maxpool', 'avgpool', 'flatten', 'batchnorm', 'global-avgpool', 'dropout' or 'residual', found 'batchnorma'");
    }

    private static T Parse<T>(string text)
        where T : DeclarationSyntax
    {
        var document = XmapParser.Parse("test.xmap", text);
        document.Diagnostics.ShouldBeEmpty();
        return document.Declarations.OfType<T>().Single();
    }
}
