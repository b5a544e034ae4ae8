using MapDsl.Generator.Emit;
using MapDsl.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace MapDsl.Generator.Tests.Emit;

/// <summary>
/// Generated code grows with a network's layers, not with its tiles: VGG-16 for CIFAR-10
/// (Xmap/Large/vgg16.xmap, 15.2M weights) on three crossbar schemes and a 16 x 16 systolic array
/// needed 266,000 lines when every tile had its own call; its mappings must now stay small,
/// compile, and keep every line short. ResNet-18 (Xmap/Large/resnet18.xmap, residual blocks and
/// batch norms) on two crossbar schemes and the systolic array likewise.
/// </summary>
public class GeneratedSizeTests
{
    private static readonly string[] Mappings = ["Differential", "TwoColumn", "Offset8", "Stationary"];

    private static readonly string[] ResNet18Mappings = ["Differential", "TwoColumn", "Stationary"];

    // ResNet-18 for CIFAR-10 (Xmap/Large/resnet18.xmap, 11.2M weights, version 2: blocks and batch norms) on two
    // crossbar schemes and a 16 x 16 systolic array.
    private static readonly Lazy<(Compilation Output, IReadOnlyDictionary<string, string> Files)> ResNet18 = new(() => Generate("resnet18.xmap"));

    private static readonly Lazy<(Compilation Output, IReadOnlyDictionary<string, string> Files)> Vgg16 = new(() => Generate("vgg16.xmap"));

    [Fact]
    public void The_vgg16_mappings_compile()
    {
        Compiler.Errors(Vgg16.Value.Output).ShouldBeEmpty();
        Vgg16.Value.Files.Keys.ShouldBe(
            [
                "Lab.Vgg.Differential", "Lab.Vgg.Offset8", "Lab.Vgg.Rram128", "Lab.Vgg.Sa16", "Lab.Vgg.Stationary", "Lab.Vgg.TwoColumn", "Lab.Vgg.Vgg16",
                "Lab.Vgg.Vgg16.Registry", "Lab.Vgg.XmapDeclarations",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void The_four_vgg16_mappings_take_at_most_30000_lines_and_none_more_than_3000()
    {
        var lines = Mappings.ToDictionary(m => m, m => Lines(Vgg16.Value.Files["Lab.Vgg." + m]));

        lines.Values.Sum().ShouldBeLessThanOrEqualTo(30_000, string.Join(", ", lines.Select(l => $"{l.Key}: {l.Value}")));
        foreach (var (mapping, count) in lines)
        {
            // 16 weighted layers, 130-170 lines each whatever their tile count (9,216 for c9 on 16 x 16 PEs).
            count.ShouldBeLessThanOrEqualTo(3_000, mapping);
        }
    }

    [Fact]
    public void No_line_of_the_vgg16_mappings_and_targets_is_longer_than_160_characters()
    {
        foreach (var name in Mappings.Append("Rram128").Append("Sa16").Append("Vgg16").Append("Vgg16.Registry").Append("XmapDeclarations"))
        {
            var longest = Vgg16.Value.Files["Lab.Vgg." + name].Split('\n').MaxBy(l => l.Length)!;
            longest.Length.ShouldBeLessThanOrEqualTo(SourceWriter.MaxLineLength, $"{name}: {longest}");
        }
    }

    [Fact]
    public void Layers_with_many_tiles_loop_over_their_plan_and_few_tiles_are_spelled_out()
    {
        var stationary = Vgg16.Value.Files["Lab.Vgg.Stationary"];

        // c1 (27 x 64) has 2 x 4 = 8 tiles of 16 x 16 PEs: one call per tile, with its block.
        stationary.ShouldContain("// tile (1, 3): matrix rows 16..26, columns 48..63");
        stationary.ShouldContain("tile: tiles[7], weights: w, matrixRows: 27, rowStart: 16, rowCount: 11, colStart: 48, colCount: 16);");
        // c9 (4608 x 512) has 288 x 32 = 9,216: one loop over C9.Plan.
        stationary.ShouldContain("// 9,216 tiles (288 x 32), too many to spell out: walk the tile plan row-major.");
        stationary.ShouldContain("var block = C9.Plan.Block(r, c);");
        Occurrences(stationary, "WeightStationaryScheme.Write(").ShouldBe(8 + 15);
    }

    [Fact]
    public void Every_lenet5_layer_is_spelled_out_tile_by_tile()
    {
        var (_, run) = Compiler.Generate(string.Empty, ("lenet5.xmap", XmapFiles.Read("Valid", "lenet5.xmap")));
        var dm = run.Results.Single().GeneratedSources.Single(s => s.HintName == "Lab.LeNet.DM.g.cs").SourceText.ToString();

        dm.ShouldNotContain(".Plan.Block(r, c)");
        Occurrences(dm, "DifferentialScheme.Write(").ShouldBe(14); // 1 + 2 + 8 + 2 + 1 tiles
        TileCallEmitter.UnrollLimit.ShouldBeGreaterThanOrEqualTo(8); // f1: 4 x 2 tiles, the largest LeNet-5 layer
    }

    [Fact]
    public void The_resnet18_declaration_compiles()
    {
        Compiler.Errors(ResNet18.Value.Output).ShouldBeEmpty();
        ResNet18.Value.Files.Keys.ShouldBe(
            [
                "Lab.ResNet.Differential", "Lab.ResNet.Rram128", "Lab.ResNet.ResNet18", "Lab.ResNet.ResNet18.Registry", "Lab.ResNet.Sa16",
                "Lab.ResNet.Stationary", "Lab.ResNet.TwoColumn", "Lab.ResNet.XmapDeclarations",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void The_three_resnet18_mappings_take_at_most_10000_lines_and_none_more_than_3500()
    {
        // 21 weighted layers (stem, 16 block convs, 3 projections, fc) and 20 batch norms: about 150 lines per layer and
        // mapping, whatever its tile count (s4b2.b, 4608 x 512, is 9,216 tiles on 16 x 16 PEs). Measured in benchmarks/README.md.
        var lines = ResNet18Mappings.ToDictionary(m => m, m => Lines(ResNet18.Value.Files["Lab.ResNet." + m]));

        lines.Values.Sum().ShouldBeLessThanOrEqualTo(10_000, string.Join(", ", lines.Select(l => $"{l.Key}: {l.Value}")));
        foreach (var (mapping, count) in lines)
        {
            count.ShouldBeLessThanOrEqualTo(3_500, mapping);
        }

        ResNet18.Value.Files.Values.Sum(Lines).ShouldBeLessThanOrEqualTo(12_500);
    }

    [Fact]
    public void No_line_of_the_resnet18_files_is_longer_than_160_characters()
    {
        foreach (var (name, text) in ResNet18.Value.Files)
        {
            var longest = text.Split('\n').MaxBy(l => l.Length)!;
            longest.Length.ShouldBeLessThanOrEqualTo(SourceWriter.MaxLineLength, $"{name}: {longest}");
        }
    }

    private static int Lines(string text) => text.Count(c => c == '\n');

    private static (Compilation Output, IReadOnlyDictionary<string, string> Files) Generate(string file)
    {
        var (output, run) = Compiler.Generate(string.Empty, (file, XmapFiles.Read("Large", file)));
        var files = run.Results.Single().GeneratedSources.ToDictionary(
            s => s.HintName.Replace(".g.cs", string.Empty), s => s.SourceText.ToString(), StringComparer.Ordinal);
        return (output, files);
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, string.Empty).Length) / part.Length;
}
