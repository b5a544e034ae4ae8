using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Faults.Files;
using MapDsl.Runtime.Tiles;

namespace MapDsl.Runtime.Tests.Faults.Files;

public sealed class FaultMapFileSaveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mapdsl-faultmap-save-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Target => Path.Combine(_folder, "chip.faults");

    [Fact]
    public void Save_leaves_only_the_target_behind()
    {
        FaultMapFile.Save(FaultMapTexts.HandBuiltCrossbar(seed: 3), FaultMapTexts.Crossbar, Target);

        Directory.GetFiles(_folder).ShouldBe([Target]);
        FaultMapFile.Load(Target, FaultMapTexts.Crossbar).Seed.ShouldBe(3UL);
    }

    [Fact]
    public void Save_replaces_an_existing_file_completely()
    {
        File.WriteAllText(Target, new string('x', 10_000));

        FaultMapFile.Save(FaultMapTexts.HandBuiltCrossbar(seed: 4), FaultMapTexts.Crossbar, Target);

        File.ReadAllText(Target).ShouldBe(FaultMapFile.ToText(FaultMapTexts.HandBuiltCrossbar(seed: 4), FaultMapTexts.Crossbar));
        Directory.GetFiles(_folder).ShouldBe([Target]);
    }

    [Fact]
    public void A_map_that_cannot_be_saved_leaves_the_old_file_and_no_temporary_file()
    {
        FaultMapFile.Save(FaultMapTexts.HandBuiltCrossbar(seed: 5), FaultMapTexts.Crossbar, Target);
        byte[] before = File.ReadAllBytes(Target);
        var outside = new FaultMap("DM", null, null, [new LayerFaults("c1", [new(0, 9, 0, CellFault.StuckOn)], []), new LayerFaults("c2")], []);

        Should.Throw<ArgumentException>(() => FaultMapFile.Save(outside, FaultMapTexts.Crossbar, Target)).Message.ShouldContain("outside the tile's 4 rows");

        File.ReadAllBytes(Target).ShouldBe(before);
        Directory.GetFiles(_folder).ShouldBe([Target]);
    }

    [Fact]
    public void A_failed_replace_removes_the_temporary_file()
    {
        Directory.CreateDirectory(Target); // a folder in the way: the final move fails after the temporary file is written

        var error = Should.Throw<Exception>(() => FaultMapFile.Save(FaultMapTexts.HandBuiltCrossbar(), FaultMapTexts.Crossbar, Target));

        (error is IOException or UnauthorizedAccessException).ShouldBeTrue(error.ToString()); // which one depends on the OS

        Directory.GetFiles(_folder).ShouldBeEmpty();
        Directory.Exists(Target).ShouldBeTrue();
    }

    [Fact]
    public void Save_rejects_a_map_made_for_another_mapping()
    {
        var other = new FaultMap("XY", null, null, [new LayerFaults("c1"), new LayerFaults("c2")], []);

        Should.Throw<ArgumentException>(() => FaultMapFile.Save(other, FaultMapTexts.Crossbar, Target))
            .Message.ShouldContain("The fault map is for mapping 'XY' but the shape is mapping 'DM'");
        File.Exists(Target).ShouldBeFalse();
    }

    [Fact]
    public void Save_rejects_faults_the_file_could_not_load()
    {
        var duplicate = new FaultMap("DM", null, null,
            [new LayerFaults("c1", [new(0, 1, 1, CellFault.StuckOn), new(0, 1, 1, CellFault.StuckOff)], []), new LayerFaults("c2")], []);

        Should.Throw<ArgumentException>(() => FaultMapFile.ToText(duplicate, FaultMapTexts.Crossbar))
            .Message.ShouldBe("The fault map cannot be saved: layer 'c1': the cell at tile 0, row 1, column 1 is stuck-on at line 6 and stuck-off here; a cell is stuck one way only. (Parameter 'map')");
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("hash#tag")]
    public void Save_rejects_names_that_are_not_single_words(string name)
    {
        var shape = new MappingShape("DM", 2, 2, false, [new LayerShape(name, 1, 4, 0)]);
        var map = new FaultMap("DM", null, null, [new LayerFaults(name)], []);

        Should.Throw<ArgumentException>(() => FaultMapFile.ToText(map, shape)).Message.ShouldContain($"'{name}' cannot be written into a fault map file");
    }
}
