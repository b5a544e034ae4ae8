using System.Text;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Faults.Files;
using MapDsl.Runtime.Tests.Support;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Faults.Files;

public sealed class FaultMapFileRoundTripTests : IDisposable
{
    private static readonly MappingShape LargeCrossbar = new("DM", 32, 24, IsSystolic: false,
        [new LayerShape("c1", 1, 150, 8), new LayerShape("c2", 3, 2400, 8), new LayerShape("f3", 2, 840, 8)]);

    private static readonly MappingShape LargeSystolic = new("SA", 16, 16, IsSystolic: true,
        [new LayerShape("c1", 4, 150, 8), new LayerShape("f2", 9, 4000, 4)]);

    private readonly string _folder = Directory.CreateTempSubdirectory("mapdsl-faultmap-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(Seeds.Ten), MemberType = typeof(Seeds))]
    public void A_sampled_crossbar_map_survives_save_and_load(int seed)
    {
        FaultMap map = FaultMapSampler.Sample(LargeCrossbar, new FaultRates(0.01, 0.02, 0.003, 0), (ulong)seed * 7919);
        map.CellFaultCount.ShouldBeGreaterThan(0);
        map.BitFlipCount.ShouldBeGreaterThan(0);
        string path = Path.Combine(_folder, "chip.faults");

        FaultMapFile.Save(map, LargeCrossbar, path);

        FaultMapFile.Load(path, LargeCrossbar).ShouldEqual(map);
    }

    [Theory]
    [MemberData(nameof(Seeds.Ten), MemberType = typeof(Seeds))]
    public void A_sampled_systolic_map_survives_save_and_load(int seed)
    {
        FaultMap map = FaultMapSampler.Sample(LargeSystolic, new FaultRates(0, 0, 0.002, 0.05), ulong.MaxValue - (ulong)seed);
        map.BypassedPes.Count.ShouldBeGreaterThan(0);
        using var stream = new MemoryStream();

        FaultMapFile.Save(map, LargeSystolic, stream);
        stream.Position = 0;

        FaultMapFile.Load(stream, LargeSystolic).ShouldEqual(map);
    }

    [Fact]
    public void An_imported_map_without_seed_or_rates_survives_save_and_load()
    {
        FaultMap map = FaultMapTexts.HandBuiltCrossbar();
        var writer = new StringWriter();

        FaultMapFile.Save(map, FaultMapTexts.Crossbar, writer);

        string text = writer.ToString();
        text.ShouldNotContain("seed");
        text.ShouldNotContain("rates");
        FaultMapTexts.Load(text, FaultMapTexts.Crossbar).ShouldEqual(map);
    }

    [Fact]
    public void A_map_without_faults_survives_save_and_load()
    {
        FaultMap map = FaultMapSampler.Sample(LargeCrossbar, FaultRates.None, 5);

        FaultMapTexts.Load(FaultMapFile.ToText(map, LargeCrossbar), LargeCrossbar).ShouldEqual(map);
    }

    [Fact]
    public void The_file_is_the_documented_text()
    {
        FaultMap map = FaultMapTexts.HandBuiltCrossbar(seed: 42, rates: new FaultRates(0.1, 0.025, 1e-3, 0));
        string[] expected =
        [
            "mapdsl-faultmap 1",
            "# MapDsl fault map, format version 1 (docs/fault-map-format.md)",
            "mapping DM",
            "seed 42",
            "rates stuck-on 0.1 stuck-off 0.025 bit-flip 0.001 pe 0",
            "shape crossbar 4 x 5",
            "layer c1 tiles 1 weights 20 bits 4",
            "cell 0 1 2 stuck-on",
            "bit 17 3",
            "layer c2 tiles 2 weights 30 bits 0",
            "cell 1 3 4 stuck-off",
        ];

        FaultMapFile.ToText(map, FaultMapTexts.Crossbar).ShouldBe(FaultMapTexts.WithChecksum(expected));
    }

    [Fact]
    public void The_same_map_always_gives_the_same_bytes()
    {
        FaultMap map = FaultMapSampler.Sample(LargeCrossbar, new FaultRates(0.01, 0.01, 0.001, 0), 99);
        string first = Path.Combine(_folder, "first.faults");
        string second = Path.Combine(_folder, "second.faults");

        FaultMapFile.Save(map, LargeCrossbar, first);
        FaultMapFile.Save(FaultMapSampler.Sample(LargeCrossbar, new FaultRates(0.01, 0.01, 0.001, 0), 99), LargeCrossbar, second);

        File.ReadAllBytes(second).ShouldBe(File.ReadAllBytes(first));
        File.ReadAllBytes(first).ShouldNotContain((byte)'\r');
    }

    [Fact]
    public void The_text_does_not_depend_on_the_current_culture()
    {
        FaultMap map = FaultMapTexts.HandBuiltCrossbar(seed: 1234567, rates: new FaultRates(0.5, 0.25, 0.125, 0));
        string invariant = FaultMapFile.ToText(map, FaultMapTexts.Crossbar);
        var original = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            FaultMapFile.ToText(map, FaultMapTexts.Crossbar).ShouldBe(invariant);
            FaultMapTexts.Load(invariant, FaultMapTexts.Crossbar).ShouldEqual(map);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = original;
        }
    }

    [Fact]
    public void Lists_built_in_any_order_are_written_sorted()
    {
        var map = new FaultMap("DM", null, null,
            [
                new LayerFaults("c1", [new(0, 3, 0, CellFault.StuckOff), new(0, 1, 4, CellFault.StuckOn)], [new(5, 1), new(2, 3), new(2, 0)]),
                new LayerFaults("c2"),
            ],
            []);

        FaultMap loaded = FaultMapTexts.Load(FaultMapFile.ToText(map, FaultMapTexts.Crossbar), FaultMapTexts.Crossbar);

        loaded.Layers[0].Cells.ShouldBe([new(0, 1, 4, CellFault.StuckOn), new(0, 3, 0, CellFault.StuckOff)]);
        loaded.Layers[0].BitFlips.ShouldBe([new(2, 0), new(2, 3), new(5, 1)]);
    }

    [Fact]
    public void A_hand_written_file_with_comments_blank_lines_and_faults_out_of_order_loads_sorted()
    {
        string[] lines =
        [
            "mapdsl-faultmap 1   # measured on die 7",
            "",
            "# header",
            "mapping   DM",
            "shape\tcrossbar 4 x 5",
            "layer c1 tiles 1 weights 20 bits 4",
            "bit 19 0",
            "cell 0 3 1 stuck-off   # row 3 reads open",
            "bit 2 3",
            "cell 0 0 4 stuck-on",
            "   ",
            "layer c2 tiles 2 weights 30 bits 0",
        ];

        FaultMap map = FaultMapTexts.Load(FaultMapTexts.WithChecksum(lines), FaultMapTexts.Crossbar);

        map.Mapping.ShouldBe("DM");
        map.Seed.ShouldBeNull();
        map.Rates.ShouldBeNull();
        map.Layers[0].Cells.ShouldBe([new(0, 0, 4, CellFault.StuckOn), new(0, 3, 1, CellFault.StuckOff)]);
        map.Layers[0].BitFlips.ShouldBe([new(2, 3), new(19, 0)]);
        map.Layers[1].Cells.ShouldBeEmpty();
    }

    [Fact]
    public void Windows_line_ends_a_byte_order_mark_and_an_upper_case_checksum_are_accepted()
    {
        string crlf = FaultMapTexts.WithChecksum(FaultMapTexts.CrossbarLines, newline: "\r\n");
        FaultMapTexts.Load(crlf, FaultMapTexts.Crossbar).ShouldEqual(FaultMapTexts.HandBuiltCrossbar(seed: 42));

        string withBom = FaultMapTexts.WithChecksum(FaultMapTexts.Edit(FaultMapTexts.CrossbarLines, 1, "\uFEFFmapdsl-faultmap 1"));
        byte[] bytes = Encoding.UTF8.GetBytes(withBom);
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        FaultMapFile.Load(new MemoryStream(bytes), FaultMapTexts.Crossbar).ShouldEqual(FaultMapTexts.HandBuiltCrossbar(seed: 42));

        string text = FaultMapTexts.WithChecksum(FaultMapTexts.CrossbarLines);
        int hex = text.LastIndexOf(' ') + 1;
        FaultMapTexts.Load(text[..hex] + text[hex..].ToUpperInvariant(), FaultMapTexts.Crossbar).Seed.ShouldBe(42UL);
    }

    [Fact]
    public void A_systolic_file_loads_its_pes_and_flips()
    {
        FaultMap map = FaultMapTexts.Load(FaultMapTexts.WithChecksum(FaultMapTexts.SystolicLines), FaultMapTexts.Systolic);

        map.BypassedPes.ShouldBe([new PeAt(2, 1)]);
        map.Layers[0].BitFlips.ShouldBe([new BitFlipAt(9, 7)]);
        map.Layers[1].BitFlips.ShouldBeEmpty();
        map.Matches(FaultMapTexts.Systolic, out _).ShouldBeTrue();
    }
}
