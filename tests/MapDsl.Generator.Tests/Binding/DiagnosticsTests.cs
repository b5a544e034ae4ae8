using MapDsl.Generator.Model;
using MapDsl.Generator.Tests.Support;

namespace MapDsl.Generator.Tests.Binding;

/// <summary>
/// Every semantic diagnostic of the contract, with its place: the ID and the line and column of
/// the token it is about. A declaration with an error produces no model (so no code).
/// </summary>
public class DiagnosticsTests
{
    // Odd levels: offset mappings on it are exact at zero (no XMAP0104), so each test sees only its own diagnostic.
    private const string Crossbar = "crossbar X { size 128 x 128; levels 3; }\n";
    private const string Net = "network N { input 256; dense a 128; dense b 10; }\n";

    [Fact]
    public void XMAP0002_a_name_declared_twice_even_across_files()
    {
        var program = Bind.Files(("a.xmap", "namespace L;\n" + Net), ("b.xmap", "namespace L;\nfaults N { pe 1%; }"));

        program.Where().ShouldBe(["XMAP0002 (2,8)"]);
        program.Diagnostics.Single().Path.ShouldBe("b.xmap");
        program.Diagnostics.Single().Message.ShouldBe("'N' is already declared in namespace L (network at a.xmap line 2)");
    }

    [Fact]
    public void XMAP0002_layers_whose_members_would_clash()
    {
        var program = Bind.Text("network N { input 4; dense c1 2; dense C1 2; dense weights 2; }");

        program.Where().ShouldBe(["XMAP0002 (1,40)", "XMAP0002 (1,52)"]);
        program.Declarations.ShouldNotContain(d => d is NetworkModel);
        program.StandIns.ShouldHaveSingleItem().Errors.ShouldStartWith("network 'N' (test.xmap line 1) has errors: test.xmap(1,40): XMAP0002: ");
    }

    [Fact]
    public void XMAP0002_declaration_names_that_clash_with_their_generated_members()
    {
        var program = Bind.Text(Crossbar + "network Weights { input 4; dense a 2; }\nnetwork N { input 4; dense a 2; dense aBias 2; }\nmapping A: N -> X { scheme offset; }");

        program.Where().ShouldBe(["XMAP0002 (2,9)", "XMAP0002 (3,39)"]);
    }

    [Theory]
    [InlineData("network N { input 4; dense graph 2; }", "XMAP0002 (1,28)")]
    [InlineData("network Graph { input 4; dense d 2; }", "XMAP0002 (1,9)")]
    public void XMAP0002_a_layer_or_network_named_like_the_generated_Graph(string text, string expected)
    {
        Bind.Text(text).Where().Where(w => !w.StartsWith("XMAP0301", StringComparison.Ordinal)).ShouldBe([expected]);
    }

    [Fact]
    public void XMAP0003_undeclared_references_and_wrong_kinds()
    {
        var program = Bind.Text(Crossbar + Net + """
            pruning P for M { a: none; }
            pruning Q for N { zz: unstructured 50%; }
            mapping A: N -> Y { scheme two-column; }
            mapping B: X -> X { scheme two-column; }
            mapping C: N -> X { scheme two-column; pruning Q; }
            """);

        program.Where().ShouldBe(["XMAP0301 (3,9)", "XMAP0003 (3,15)", "XMAP0003 (4,19)", "XMAP0003 (5,17)", "XMAP0003 (6,12)"]);
        program.Diagnostics[2].Message.ShouldBe("network 'N' has no layer 'zz'");
        program.Diagnostics[3].Message.ShouldBe("no crossbar or systolic array named 'Y' is declared in namespace Root; did you mean 'X'?");
        program.Diagnostics[4].Message.ShouldBe("'X' is a crossbar, not a network");
    }

    [Fact]
    public void XMAP0003_a_pruning_for_another_network()
    {
        var program = Bind.Text(Crossbar + Net + "network O { input 4; dense z 2; }\npruning P for O { z: none; }\nmapping M: N -> X { scheme offset; pruning P; }");

        program.Where().ShouldBe(["XMAP0003 (5,44)"]);
        program.Diagnostics.Single().Message.ShouldBe("pruning 'P' is for network 'O', not 'N'");
    }

    [Theory]
    [InlineData("two-column", "a: blocks 12x12 50%", "12 does not divide the 128 rows of a tile")]
    [InlineData("two-column", "a: blocks 8x6 50%", "6 does not divide the 64 weights a tile row holds under two-column")]
    [InlineData("offset", "a: blocks 8x8 50%", "8 does not divide the 127 weights a tile row holds under offset")]
    public void XMAP0101_blocks_must_tile_the_crossbar_under_the_scheme(string scheme, string rule, string why)
    {
        var program = Bind.Text(Crossbar + Net + $"pruning P for N {{\n {rule};\n}}\nmapping M: N -> X {{ scheme {scheme}; pruning P; }}");

        program.Where().ShouldBe(["XMAP0101 (4,2)"]);
        program.Diagnostics.Single().Message.ShouldEndWith(why);
    }

    [Fact]
    public void XMAP0101_a_kernel_pattern_that_does_not_fit()
    {
        var program = Bind.Text("network C { input 1 x 8 x 8; conv k 2 kernel 3x3; dense d 2; }\npruning P for C {\n k: pattern 4 of 5x5;\n d: pattern 1 of 1x1;\n}");

        program.Where().ShouldBe(["XMAP0301 (2,9)", "XMAP0101 (3,2)", "XMAP0101 (4,2)"]);
    }

    [Fact]
    public void XMAP0102_the_kernel_too_large_example()
    {
        var program = Bind.Files(("kernel-too-large.xmap", XmapFiles.Read("Invalid", "kernel-too-large.xmap")));

        program.Where().ShouldBe(["XMAP0102 (10,5)"]);
        program.Diagnostics.Single().Message.ShouldBe("conv c1: a 7x7 kernel does not fit a 5x5 input");
    }

    [Theory]
    [InlineData("network N { dense d 2; }", "XMAP0102 (1,9)")]
    [InlineData("network N { input 28 x 28; }", "XMAP0102 (1,19)")]
    [InlineData("network N { input 784; conv c 2 kernel 3x3; }", "XMAP0102 (1,24)")]
    [InlineData("network N { input 1 x 4 x 4; maxpool 5x5; }", "XMAP0102 (1,30)")]
    public void XMAP0102_layers_that_cannot_work(string text, string where)
    {
        Bind.Text(text).Where().ShouldBe([where]);
    }

    [Fact]
    public void XMAP0103_schemes_the_target_cannot_hold()
    {
        var program = Bind.Text(Net + """
            systolic S { size 16 x 16; }
            crossbar One { size 8 x 1; }
            crossbar X { size 8 x 8; }
            mapping A: N -> S { scheme two-column; }
            mapping B: N -> X { scheme weight-stationary; }
            mapping C: N -> One { scheme differential; }
            mapping D: N -> One { scheme offset; }
            """);

        program.Where().ShouldBe(["XMAP0103 (5,28)", "XMAP0103 (6,28)", "XMAP0103 (7,30)", "XMAP0103 (8,30)"]);
        program.Declarations.OfType<MappingModel>().ShouldBeEmpty();
    }

    [Fact]
    public void XMAP0201_stuck_on_and_stuck_off_together_above_100_percent()
    {
        var program = Bind.Text("faults F {\n  stuck-on 80%;\n  stuck-off 0.4;\n}\nfaults G { stuck-on 70%; stuck-off 30%; }\nfaults H { stuck-on 100%; bit-flip 100%; pe 100%; }");

        program.Where().ShouldBe(["XMAP0201 (3,13)"]);
        program.Diagnostics.Single().Message.ShouldBe(
            "stuck-on 80% and stuck-off 0.4 add up to more than 100%; a cell is stuck one way or the other, never both, so the two rates may add up to at most 100%");
        program.Declarations.OfType<FaultsModel>().Select(d => d.Name).ShouldBe(["G", "H"]);
    }

    [Theory]
    [InlineData("faults F { stuck-on 150%; }", "stuck-on rate 150% is outside 0..100%")]
    [InlineData("faults F { bit-flip 2; }", "bit-flip rate 2 is outside 0..100%; did you mean 2%?")]
    [InlineData("pruning P for N { a: unstructured 100%; }", "sparsity 100% is outside 0..100% (below 100%)")]
    public void XMAP0201_rates_and_sparsities_out_of_range(string text, string message)
    {
        var program = Bind.Text(Net + text);

        var error = program.Diagnostics.Single(d => d.Severity() == "error");
        (error.Id, error.Message).ShouldBe(("XMAP0201", message));
    }

    [Theory]
    [InlineData("crossbar X { size 0 x 128; }", "rows must not be zero")]
    [InlineData("crossbar X { size 2.5 x 128; }", "rows must be a whole number, found '2.5'")]
    [InlineData("crossbar X { size 8 x 8; levels 1; }", "levels must be at least 2, found 1")]
    [InlineData("crossbar X { size 8 x 8; levels 99999999999999999999999; }", "levels 99999999999999999999999 is too large (at most 65536)")]
    [InlineData("crossbar X { size 8 x 8; conductance 100uS .. 1uS; }", "G_off (100uS) must be below G_on (1uS)")]
    [InlineData("network M { input 4; dense d 2; }\nmapping Q: M -> X { scheme offset; quantize 17 bit; }\ncrossbar X { size 8 x 8; }", "bits 17 is too large (at most 16)")]
    public void XMAP0202_invalid_numbers(string text, string message)
    {
        var errors = Bind.Text(text).Diagnostics.Where(d => d.Severity() == "error");

        errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Id.ShouldBe("XMAP0202"),
            e => e.Message.ShouldBe(message));
    }

    [Fact]
    public void XMAP0202_a_clip_must_be_a_positive_magnitude()
    {
        var program = Bind.Text("network M { input 4; dense d 2; }\ncrossbar X { size 8 x 8; levels 3; }\nmapping Q: M -> X { scheme offset; quantize 8 bit robust clip 5%; }");

        program.Where().ShouldBe(["XMAP0202 (3,63)"]);
    }

    [Theory]
    [InlineData("network N { input 1 x 2 x 3 x 4; }", "XMAP0102 (1,19)")]
    [InlineData("crossbar x { size 2 x 2; }\ncrossbar X { size 2 x 2; }", "XMAP0002 (2,10)")]
    [InlineData("pruning Apply for N { *: none; }\nnetwork N { input 4; dense d 2; }", "XMAP0002 (1,9)")]
    [InlineData("crossbar Spec { size 2 x 2; }", "XMAP0002 (1,10)")]
    [InlineData("network N { input 4; dense clone 2; }", "XMAP0002 (1,28)")]
    [InlineData("network N { input 4; dense tileCount 2; }", "XMAP0002 (1,28)")]
    [InlineData("network N { input 4; dense mappedLayers 2; }", "XMAP0002 (1,28)")]
    [InlineData("network N { input 4; dense d 2; }\ncrossbar X { size 4 x 4; levels 3; }\nmapping M: N -> X { scheme offset; quantize 1 bit; }", "XMAP0202 (3,45)")]
    public void Names_and_numbers_the_generated_code_could_not_hold(string text, string expected)
    {
        Bind.Text(text).Where().Where(w => !w.StartsWith("XMAP0301", StringComparison.Ordinal)).ShouldBe([expected]);
    }

    [Fact]
    public void A_missing_brace_is_one_error_not_two()
    {
        Bind.Text("crossbar X size 4 x 4; }").Where().ShouldBe(["XMAP0301 (1,10)", "XMAP0001 (1,12)"]);
    }

    [Fact]
    public void One_number_blocks_and_patterns_are_squares()
    {
        var program = Bind.Text(Crossbar + Net + "pruning P for N { a: blocks 8 50%; b: n:m 2:4; }\nmapping M: N -> X { scheme two-column; pruning P; }");

        program.Diagnostics.ShouldBeEmpty();
        program.Declarations.OfType<PruningModel>().Single().Layers[0].ShouldSatisfyAllConditions(
            l => l.BlockRows.ShouldBe(8),
            l => l.BlockColumns.ShouldBe(8));
    }

    [Fact]
    public void XMAP0301_unused_hardware_and_pruning_but_never_networks_or_faults()
    {
        var program = Bind.Text(Crossbar + Net + "systolic S { size 4 x 4; }\npruning P for N { *: none; }\nfaults F { pe 1%; }");

        program.Where().ShouldBe(["XMAP0301 (1,10)", "XMAP0301 (3,10)", "XMAP0301 (4,9)"]);
        program.Diagnostics.Select(d => d.Message).ShouldContain("crossbar 'X' is not used by any mapping");
    }

    [Fact]
    public void One_syntax_error_does_not_hide_the_semantic_errors_of_other_declarations()
    {
        var program = Bind.Text("crossbar A { size 4 x ; }\nnetwork T { input 1 x 5 x 5; conv c 2 kernel 7x7; }\nfaults F { pe 200%; }");

        // A is unused as well: its syntax error does not stop that check either.
        program.Where().ShouldBe(["XMAP0301 (1,10)", "XMAP0001 (1,23)", "XMAP0102 (2,30)", "XMAP0201 (3,15)"]);
    }

    [Fact]
    public void A_qualified_name_refers_to_a_network_or_target_of_another_namespace()
    {
        var shared = ("shared.xmap", "namespace Lab.Shared;\n" + Crossbar + Net);
        var experiment = ("experiment.xmap", "namespace Lab.Experiment;\npruning P for Lab.Shared.N { a: unstructured 50%; }\n"
            + "mapping M: Lab.Shared.N -> Lab.Shared.X { scheme differential; pruning P; }");

        var program = Bind.Files(shared, experiment);

        program.Diagnostics.ShouldBeEmpty();
        var mapping = program.Declarations.OfType<MappingModel>().Single();
        mapping.GlobalName.ShouldBe("global::Lab.Experiment.M");
        mapping.Network.GlobalName.ShouldBe("global::Lab.Shared.N");
        program.Declarations.OfType<PruningModel>().Single().Network.GlobalName.ShouldBe("global::Lab.Shared.N");
        // The shared network lists the mapping and pruning of the other namespace.
        var registry = program.Declarations.OfType<NetworkRegistryModel>().Single();
        registry.Mappings.ShouldBe(["global::Lab.Experiment.M"]);
        registry.Prunings.ShouldBe(["global::Lab.Experiment.P"]);
    }

    [Fact]
    public void XMAP0003_a_misspelt_reference_suggests_the_close_names_of_the_expected_kind()
    {
        // 'Nx' is close to network N and to fault model Nz, but only a network can be a mapping's network.
        var program = Bind.Text(Crossbar + Net + "faults Nz { pe 1%; }\nmapping M: Nx -> Xx { scheme offset; }");

        var messages = program.Diagnostics.Where(d => d.Id == "XMAP0003").ToList();
        messages.Select(d => d.Message).ShouldBe([
            "no network named 'Nx' is declared in namespace Root; did you mean 'N'?",
            "no crossbar or systolic array named 'Xx' is declared in namespace Root; did you mean 'X'?",
        ]);
        messages.Select(d => d.Fixes.ToArray()).ShouldBe([["N"], ["X"]]);
    }

    [Fact]
    public void XMAP0003_a_misspelt_qualified_name_or_namespace_suggests_the_qualified_name()
    {
        var shared = ("shared.xmap", "namespace Lab.Shared;\n" + Crossbar + Net);
        var experiment = ("experiment.xmap", "namespace Lab.Experiment;\nmapping M: Lab.Shard.N -> Lab.Shared.Xy { scheme offset; }");

        var program = Bind.Files(shared, experiment);

        var messages = program.Diagnostics.Where(d => d.Id == "XMAP0003").ToList();
        messages.Select(d => d.Message).ShouldBe([
            "no .xmap file of the project declares namespace Lab.Shard, so it has no network 'N'; did you mean 'Lab.Shared.N'?",
            "no crossbar or systolic array named 'Xy' is declared in namespace Lab.Shared; did you mean 'Lab.Shared.X'?",
        ]);
        messages.Select(d => d.Fixes.ToArray()).ShouldBe([["Lab.Shared.N"], ["Lab.Shared.X"]]);
    }

    [Fact]
    public void XMAP0003_without_a_close_name_has_no_suggestion_and_no_fix()
    {
        var program = Bind.Text(Crossbar + Net + "mapping M: Completely -> X { scheme offset; }");

        var diagnostic = program.Diagnostics.Single(d => d.Id == "XMAP0003");
        diagnostic.Message.ShouldBe("no network named 'Completely' is declared in namespace Root");
        diagnostic.Fixes.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("faults F { bit-flip 2; }", new[] { "2%" })]
    [InlineData("pruning P for N { a: unstructured 50; }", new[] { "50%" })]
    [InlineData("pruning P for N { a: unstructured 150; }", new string[0])]
    [InlineData("pruning P for N { zz: none; }", new string[0])]
    [InlineData("pruning P for N { bb: none; }", new[] { "b" })]
    public void The_fixes_of_a_diagnostic_are_what_its_did_you_mean_names(string text, string[] fixes)
    {
        var diagnostic = Bind.Text(Net + text).Diagnostics.First(d => d.Id is "XMAP0003" or "XMAP0201");

        diagnostic.Fixes.ToArray().ShouldBe(fixes);
        diagnostic.Message.Contains("did you mean", StringComparison.Ordinal).ShouldBe(fixes.Length > 0);
    }

    [Fact]
    public void A_qualified_name_of_an_unknown_namespace_or_declaration_is_XMAP0003()
    {
        var shared = ("shared.xmap", "namespace Lab.Shared;\n" + Crossbar + Net);
        var experiment = ("experiment.xmap", "namespace Lab.Experiment;\nmapping M: Lab.Nowhere.N -> Lab.Shared.Y { scheme differential; }");

        var program = Bind.Files(shared, experiment);

        program.Where().ShouldBe(["XMAP0003 (2,12)", "XMAP0003 (2,29)", "XMAP0301 (2,10)"]);
        program.Diagnostics[0].Message.ShouldBe("no .xmap file of the project declares namespace Lab.Nowhere, so it has no network 'N'");
        program.Diagnostics[1].Message.ShouldBe("no crossbar or systolic array named 'Y' is declared in namespace Lab.Shared; did you mean 'Lab.Shared.X'?");
    }

    [Fact]
    public void A_pruning_of_a_qualified_network_fits_a_mapping_that_names_it_the_same_way_only()
    {
        var shared = ("shared.xmap", "namespace Lab.Shared;\n" + Net);
        var experiment = ("experiment.xmap", "namespace Lab.Experiment;\n" + Crossbar + Net + "pruning P for Lab.Shared.N { a: none; }\n"
            + "mapping M: N -> X { scheme differential; pruning P; }");

        var program = Bind.Files(shared, experiment);

        program.Diagnostics.Single().Message.ShouldBe("pruning 'P' is for network 'Lab.Shared.N', not 'N'");
    }

    [Fact]
    public void References_resolve_across_files_of_a_namespace_only()
    {
        var hardware = ("hw.xmap", "namespace Lab;\n" + Crossbar);
        var network = ("net.xmap", "namespace Lab;\n" + Net);
        var mapping = ("map.xmap", "namespace Lab;\nmapping M: N -> X { scheme differential; }");
        var elsewhere = ("other.xmap", "namespace Other;\nmapping M: N -> X { scheme differential; }");

        Bind.Files(hardware, network, mapping).Diagnostics.ShouldBeEmpty();
        Bind.Files(hardware, network, mapping).Declarations.OfType<MappingModel>().Single().Layers.Count.ShouldBe(2);
        Bind.Files(hardware, network, elsewhere).Where().ShouldBe(["XMAP0301 (2,10)", "XMAP0003 (2,12)", "XMAP0003 (2,17)"]);
    }

    [Fact]
    public void Files_without_a_namespace_use_the_root_namespace()
    {
        var program = Bind.Text(Crossbar + Net + "mapping M: N -> X { scheme two-column; }");

        // The declarations, then the network's registry and the namespace's.
        program.Declarations.Select(d => d.GlobalName).ShouldBe(["global::Root.X", "global::Root.N", "global::Root.M", "global::Root.N", "global::Root.XmapDeclarations"]);
    }
}
