using MapDsl.Generator.Model;
using MapDsl.Generator.Parsing;
using MapDsl.Generator.Tests.Support;

namespace MapDsl.Generator.Tests.Binding;

/// <summary>
/// Version 2 binding: shapes through residual blocks, batch-norm folding, qualified names, and every new diagnostic
/// with its place (ID, line, column) and message.
/// </summary>
public class Version2BindingTests
{
    private const string Crossbar = "crossbar X { size 128 x 128; levels 3; }\n";

    [Fact]
    public void ResNet8_shapes_weighted_order_and_folding()
    {
        var network = ResNet8();

        network.WeightedLayers.Select(l => l.Name).ShouldBe(["stem", "r1.a", "r1.b", "r2.a", "r2.b", "r2.s", "r3.a", "r3.b", "r3.s", "fc"]);
        network.NormLayers.Select(l => (l.Name, l.NormIndex, l.FoldsInto)).ShouldBe([
            ("stem_bn", 0, 0), ("r1.a_bn", 1, 1), ("r1.b_bn", 2, 2), ("r2.a_bn", 3, 3), ("r2.b_bn", 4, 4), ("r2.s_bn", 5, 5),
            ("r3.a_bn", 6, 6), ("r3.b_bn", 7, 7), ("r3.s_bn", 8, 8)]);
        network.Blocks.Select(b => $"{b.Name} {b.Input}->{b.Output} [{b.First}, +{b.BodyCount}, +{b.ShortcutCount}]").ShouldBe([
            "r1 16x28x28->16x28x28 [3, +5, +0]", "r2 16x28x28->32x14x14 [9, +5, +2]", "r3 32x14x14->64x7x7 [17, +5, +2]"]);
        network.Layers.Single(l => l.Name == "r2.s").ShouldSatisfyAllConditions(
            s => s.Input.ToString().ShouldBe("16x28x28"),
            s => s.Output.ToString().ShouldBe("32x14x14"),
            s => s.InShortcut.ShouldBeTrue(),
            s => s.Block.ShouldBe("r2"),
            s => s.MemberName.ShouldBe("R2_S"));
        network.Layers.Single(l => l.Kind == LayerKind.GlobalAvgPool).Output.ToString().ShouldBe("64");
        network.Layers.Single(l => l.Kind == LayerKind.Dropout).Rate.ShouldBe(0.2, 1e-15);
        network.Output.ToString().ShouldBe("10");
        network.WeightedLayers.Single(l => l.Name == "fc").MatrixRows.ShouldBe(64);
    }

    [Theory]
    [InlineData("conv c 4 kernel 3 pad 1; batchnorm n;", 0)]            // directly after a conv
    [InlineData("flatten; dense d 4; batchnorm n;", 0)]                  // directly after a dense
    [InlineData("conv c 4 kernel 3 pad 1; relu; batchnorm n;", -1)]       // after a relu: digital
    [InlineData("batchnorm n;", -1)]                                      // on the input
    [InlineData("conv c 4 kernel 3 pad 1; batchnorm m; batchnorm n;", -1)] // after another batch norm
    [InlineData("conv c 4 kernel 3 pad 1; residual r { relu; } batchnorm n;", -1)] // after a block (an addition)
    [InlineData("conv c 4 kernel 3 pad 1; residual r { batchnorm n; } ", -1)] // first of a body: another sequence
    [InlineData("conv c 4 kernel 3 pad 1; residual r { relu; shortcut { batchnorm n; } }", -1)]
    [InlineData("residual r { relu; shortcut { conv s 4 kernel 1; batchnorm n; } }", 0)]
    public void A_batchnorm_folds_only_directly_after_a_weighted_layer_of_its_own_sequence(string layers, int foldsInto)
    {
        var network = Network($"network N {{ input 4 x 6 x 6; {layers} }}");

        network.NormLayers.Last().FoldsInto.ShouldBe(foldsInto);
    }

    [Fact]
    public void A_batchnorm_works_per_feature_on_a_vector()
    {
        var network = Network("network N { input 12; dense d 5; batchnorm n; dropout 0.5; }");

        network.NormLayers.Single().ShouldSatisfyAllConditions(n => n.Input.ToString().ShouldBe("5"), n => n.Output.ToString().ShouldBe("5"));
        network.Layers.Last().Rate.ShouldBe(0.5);
    }

    [Fact]
    public void XMAP0102_a_shortcut_that_does_not_match_the_body_is_reported_at_the_residual_line()
    {
        var program = Bind.Files(("residual-shortcut-mismatch.xmap", XmapFiles.Read("Invalid", "residual-shortcut-mismatch.xmap")));

        program.Where().ShouldBe(["XMAP0102 (11,5)"]);
        program.Diagnostics.Single().Message.ShouldBe("residual 'r2': the body gives 32 x 14 x 14 but the shortcut gives 16 x 28 x 28");
        program.Declarations.OfType<NetworkModel>().ShouldBeEmpty();
    }

    [Fact]
    public void XMAP0102_an_identity_shortcut_that_does_not_match_names_both_shapes_and_the_fix()
    {
        var program = Bind.Text("network N {\n  input 1 x 8 x 8;\n  residual down { conv a 2 kernel 2 stride 2; }\n}");

        program.Where().ShouldBe(["XMAP0102 (3,3)"]);
        program.Diagnostics.Single().Message.ShouldBe(
            "residual 'down': the body gives 2 x 4 x 4 but the identity shortcut gives 1 x 8 x 8; add a shortcut { ... } that gives 2 x 4 x 4");
    }

    [Fact]
    public void XMAP0102_a_vector_and_an_image_of_the_same_length_do_not_add()
    {
        var program = Bind.Text("network N { input 4 x 1 x 1; residual r { flatten; } }");

        program.Diagnostics.Single().Message.ShouldBe(
            "residual 'r': the body gives a vector of 4 but the identity shortcut gives 4 x 1 x 1; add a shortcut { ... } that gives a vector of 4");
    }

    [Fact]
    public void XMAP0102_an_empty_body()
    {
        var program = Bind.Text("network N { input 4; residual r { shortcut { relu; } } }");

        program.Where().ShouldBe(["XMAP0102 (1,22)"]);
        program.Diagnostics.Single().Message.ShouldStartWith("residual 'r' has an empty body");
    }

    [Fact]
    public void XMAP0102_a_layer_that_fails_inside_a_block_names_its_qualified_name_and_the_shortcut_is_still_checked()
    {
        var program = Bind.Text("network N {\n input 1 x 4 x 4;\n residual r {\n  conv a 2 kernel 5;\n  shortcut { dense d 3; conv s 2 kernel 1; }\n }\n}");

        program.Where().ShouldBe(["XMAP0102 (4,3)", "XMAP0102 (5,25)"]);
        program.Diagnostics[0].Message.ShouldBe("conv r.a: a 5x5 kernel does not fit a 4x4 input");
        program.Diagnostics[1].Message.ShouldBe("conv r.s needs a C x H x W input, but its input is a vector of 3");
    }

    [Fact]
    public void XMAP0102_global_avgpool_on_a_vector()
    {
        var program = Bind.Text("network N {\n  input 1 x 4 x 4;\n  dense d 8;\n  global-avgpool;\n}");

        program.Where().ShouldBe(["XMAP0102 (4,3)"]);
        program.Diagnostics.Single().Message.ShouldBe("global-avgpool needs a C x H x W input, but its input is a vector of 8");
    }

    [Theory]
    [InlineData("dropout 100%;", "XMAP0201 (1,36)", "dropout rate 100% is outside 0..100% (below 100%)")]
    [InlineData("dropout 150%;", "XMAP0201 (1,36)", "dropout rate 150% is outside 0..100% (below 100%)")]
    [InlineData("dropout 20;", "XMAP0201 (1,36)", "dropout rate 20 is outside 0..100% (below 100%); did you mean 20%?")]
    [InlineData("dropout 1;", "XMAP0201 (1,36)", "dropout rate 1 is outside 0..100% (below 100%); did you mean 1%?")]
    public void XMAP0201_a_dropout_rate_of_100_percent_or_more(string layer, string where, string message)
    {
        var program = Bind.Text($"network N {{ input 4; relu; {layer} }}");

        program.Where().ShouldBe([where]);
        program.Diagnostics.Single().Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("dropout 0%;")]
    [InlineData("dropout 99.9%;")]
    [InlineData("dropout 0.5;")]
    public void A_dropout_rate_below_100_percent_is_fine(string layer)
    {
        Bind.Text($"network N {{ input 4; {layer} }}").Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void XMAP0002_a_name_declared_twice_in_a_block()
    {
        var program = Bind.Text("network N {\n input 4;\n residual r {\n  dense a 4;\n  shortcut { dense a 4; }\n }\n}");

        program.Where().ShouldBe(["XMAP0002 (5,20)"]);
        program.Diagnostics.Single().Message.ShouldBe("layer 'a' is declared twice in residual 'r'");
    }

    [Fact]
    public void The_same_name_in_two_blocks_and_at_the_top_level_is_fine()
    {
        var network = Network("network N { input 4; dense a 4; residual r1 { dense a 4; } residual r2 { dense a 4; batchnorm n; } batchnorm n; }");

        network.WeightedLayers.Select(l => l.MemberName).ShouldBe(["A", "R1_A", "R2_A"]);
        network.NormLayers.Select(l => l.Name).ShouldBe(["r2.n", "n"]);
    }

    [Theory]
    [InlineData("dense r 4; residual r { relu; }", "XMAP0002 (1,42)", "'r' names both a residual block and a layer of network 'N' (line 1); blocks and top-level layers share their names")]
    [InlineData("residual r { relu; } batchnorm r;", "XMAP0002 (1,53)", "'r' names both a residual block and a layer of network 'N' (line 1); blocks and top-level layers share their names")]
    [InlineData("residual r { relu; } residual r { relu; }", "XMAP0002 (1,52)", "residual 'r' is declared twice in network 'N'")]
    [InlineData("residual r2 { dense a 4; } dense R2_A 4;", "XMAP0002 (1,55)", "layer 'R2_A' and layer 'r2.a' would both generate the member 'R2_A'")]
    [InlineData("dense c 4; batchnorm cBias;", "XMAP0002 (1,43)", "layer 'cBias' and layer 'c' would both generate the member 'CBias'")]
    [InlineData("dense d 4; batchnorm clone;", "XMAP0002 (1,43)", "layer 'clone' would generate the member 'Clone', which the generated code already uses; rename the layer")]
    [InlineData("dense norms 4; batchnorm n;", "XMAP0002 (1,28)", "layer 'norms' would generate the member 'Norms', which the generated code already uses; rename the layer")]
    public void XMAP0002_names_that_clash_across_blocks_and_generated_members(string layers, string where, string message)
    {
        var program = Bind.Text($"network N {{ input 4; {layers} }}");

        program.Where().ShouldBe([where]);
        program.Diagnostics.Single().Message.ShouldBe(message);
    }

    [Fact]
    public void A_version1_layer_may_still_be_named_norms()
    {
        Bind.Text("network N { input 4; dense norms 4; }").Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void The_shipped_example_prunes_by_qualified_names()
    {
        var pruning = Bind.Files(("resnet8.xmap", XmapFiles.Read("Valid", "resnet8.xmap"))).Declarations.OfType<PruningModel>().Single();

        pruning.Layers.Select(l => $"{l.Layer.Name}: {PruningText(l)}").ShouldBe([
            "stem: none", "r1.a: unstructured 30%", "r1.b: unstructured 30%", "r2.a: unstructured 50%", "r2.b: unstructured 30%",
            "r2.s: unstructured 30%", "r3.a: unstructured 30%", "r3.b: unstructured 30%", "r3.s: columns 25%", "fc: none"]);
    }

    [Fact]
    public void Pruning_rules_by_qualified_name_and_a_default_that_covers_layers_inside_blocks()
    {
        var program = Bind.Files(("resnet8.xmap", XmapFiles.Read("Valid", "resnet8.xmap") + """

            pruning P for ResNet8 {
                stem: none;
                r2.a: unstructured 50%;
                r2.s: columns 25%;
                *: rows 10%;
            }
            mapping M: ResNet8 -> X { scheme differential; pruning P; }
            """ + "\n" + Crossbar));

        program.Diagnostics.ShouldBeEmpty();
        var pruning = program.Declarations.OfType<PruningModel>().Single(p => p.Name == "P");
        pruning.Layers.Select(l => $"{l.Layer.Name}: {l.Kind}").ShouldBe([
            "stem: None", "r1.a: Rows", "r1.b: Rows", "r2.a: Unstructured", "r2.b: Rows", "r2.s: Columns",
            "r3.a: Rows", "r3.b: Rows", "r3.s: Rows", "fc: Rows"]);
        program.Declarations.OfType<MappingModel>().Single(m => m.Name == "M").Layers.Select(l => l.Pruning!.Layer.Name).ShouldBe(pruning.Layers.Select(l => l.Layer.Name));
    }

    [Theory]
    [InlineData("r2.c", "network 'ResNet8' has no layer 'r2.c'; did you mean 'r2.a', 'r2.b' or 'r2.s'?")]
    [InlineData("a", "network 'ResNet8' has no layer 'a'; did you mean 'r1.a', 'r2.a' or 'r3.a'?")]
    [InlineData("r4.a", "network 'ResNet8' has no layer 'r4.a'; did you mean 'r1.a', 'r2.a' or 'r3.a'?")]
    [InlineData("stme", "network 'ResNet8' has no layer 'stme'; did you mean 'stem'?")]
    [InlineData("zz", "network 'ResNet8' has no layer 'zz'")]
    [InlineData("r2.a_bn", "layer 'r2.a_bn' of network 'ResNet8' is a batchnorm: it has no weights to prune (rules name conv and dense layers)")]
    [InlineData("stem_bn", "layer 'stem_bn' of network 'ResNet8' is a batchnorm: it has no weights to prune (rules name conv and dense layers)")]
    [InlineData("r2", "'r2' is a residual block of network 'ResNet8': a rule names one of its layers ('r2.a', 'r2.b', 'r2.s')")]
    public void XMAP0003_a_rule_for_a_layer_that_cannot_be_pruned(string layer, string message)
    {
        var program = Bind.Files(("resnet8.xmap", XmapFiles.Read("Valid", "resnet8.xmap") + $"\npruning P for ResNet8 {{\n  {layer}: unstructured 50%;\n}}\n"));

        var lines = XmapFiles.Read("Valid", "resnet8.xmap").Split('\n').Length;
        program.Where().ShouldBe([$"XMAP0301 ({lines + 1},9)", $"XMAP0003 ({lines + 2},3)"]);
        program.Diagnostics[1].Message.ShouldBe(message);
    }

    private static string PruningText(LayerPruningModel rule) => MapDsl.Generator.Emit.PruningEmitter.Short(rule);

    private static NetworkModel ResNet8()
    {
        var program = Bind.Files(("resnet8.xmap", XmapFiles.Read("Valid", "resnet8.xmap")));
        program.Diagnostics.ShouldBeEmpty();
        return program.Declarations.OfType<NetworkModel>().Single();
    }

    private static NetworkModel Network(string text)
    {
        var program = Bind.Text(text);
        program.Diagnostics.ShouldBeEmpty();
        return program.Declarations.OfType<NetworkModel>().Single();
    }
}
