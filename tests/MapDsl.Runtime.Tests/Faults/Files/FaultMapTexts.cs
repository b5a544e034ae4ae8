using System.Security.Cryptography;
using System.Text;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Faults.Files;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Faults.Files;

/// <summary>Small shapes and hand-written fault map files for the file format tests; checksums computed here, independently.</summary>
internal static class FaultMapTexts
{
    public static MappingShape Crossbar { get; } = new("DM", TileRows: 4, TileColumns: 5, IsSystolic: false,
        [new LayerShape("c1", TileCount: 1, WeightCount: 20, Bits: 4), new LayerShape("c2", TileCount: 2, WeightCount: 30, Bits: 0)]);

    public static MappingShape Systolic { get; } = new("SA", TileRows: 3, TileColumns: 3, IsSystolic: true,
        [new LayerShape("f1", TileCount: 2, WeightCount: 10, Bits: 8), new LayerShape("f2", TileCount: 1, WeightCount: 6, Bits: 8)]);

    /// <summary>A valid crossbar file without its checksum line; line n of the file is element n - 1.</summary>
    public static string[] CrossbarLines =>
    [
        "mapdsl-faultmap 1",            // 1
        "mapping DM",                   // 2
        "seed 42",                      // 3
        "shape crossbar 4 x 5",         // 4
        "layer c1 tiles 1 weights 20 bits 4", // 5
        "cell 0 1 2 stuck-on",          // 6
        "bit 17 3",                     // 7
        "layer c2 tiles 2 weights 30 bits 0", // 8
        "cell 1 3 4 stuck-off",         // 9
    ];                                  // 10: checksum

    /// <summary>A valid systolic file without its checksum line.</summary>
    public static string[] SystolicLines =>
    [
        "mapdsl-faultmap 1",            // 1
        "mapping SA",                   // 2
        "shape systolic 3 x 3",         // 3
        "layer f1 tiles 2 weights 10 bits 8", // 4
        "bit 9 7",                      // 5
        "layer f2 tiles 1 weights 6 bits 8", // 6
        "pe 2 1",                       // 7
    ];                                  // 8: checksum

    /// <summary>The lines joined with <c>\n</c> and a correct checksum line appended.</summary>
    public static string WithChecksum(IEnumerable<string> lines, string newline = "\n")
    {
        string content = string.Concat(lines.Select(line => line + newline));
        return content + "checksum sha256 " + Sha256(content) + newline;
    }

    public static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>Replaces line <paramref name="number"/> (1-based) by the lines of <paramref name="replacement"/>; "" deletes it.</summary>
    public static string[] Edit(string[] lines, int number, string replacement)
    {
        var edited = lines.ToList();
        edited.RemoveAt(number - 1);
        if (replacement.Length > 0)
        {
            edited.InsertRange(number - 1, replacement.Split('\n'));
        }

        return [.. edited];
    }

    public static FaultMap Load(string text, MappingShape shape) => FaultMapFile.Load(new StringReader(text), shape);

    public static FaultMapFormatException LoadFails(string text, MappingShape shape) =>
        Should.Throw<FaultMapFormatException>(() => Load(text, shape));

    public static FaultMapFormatException LoadFails(byte[] bytes, MappingShape shape) =>
        Should.Throw<FaultMapFormatException>(() => FaultMapFile.Load(new MemoryStream(bytes), shape));

    /// <summary>Every member and every list of the two maps is equal, in order.</summary>
    public static void ShouldEqual(this FaultMap actual, FaultMap expected)
    {
        actual.Mapping.ShouldBe(expected.Mapping);
        actual.Seed.ShouldBe(expected.Seed);
        actual.Rates.ShouldBe(expected.Rates);
        actual.Layers.Select(layer => layer.Layer).ShouldBe(expected.Layers.Select(layer => layer.Layer));
        for (int i = 0; i < expected.Layers.Count; i++)
        {
            actual.Layers[i].Cells.ShouldBe(expected.Layers[i].Cells, $"cells of layer {expected.Layers[i].Layer}");
            actual.Layers[i].BitFlips.ShouldBe(expected.Layers[i].BitFlips, $"bit flips of layer {expected.Layers[i].Layer}");
        }

        actual.BypassedPes.ShouldBe(expected.BypassedPes);
    }

    public static FaultMap HandBuiltCrossbar(ulong? seed = null, FaultRates? rates = null) => new(
        "DM", seed, rates,
        [
            new LayerFaults("c1", [new(0, 1, 2, CellFault.StuckOn)], [new(17, 3)]),
            new LayerFaults("c2", [new(1, 3, 4, CellFault.StuckOff)], []),
        ],
        []);
}
