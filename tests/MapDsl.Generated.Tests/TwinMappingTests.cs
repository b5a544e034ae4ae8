using Lab.LeNet;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Faults.Files;

namespace MapDsl.Generated.Tests;

/// <summary>
/// TC and DM of lenet5.xmap map one network onto one crossbar with pair schemes: their shapes agree tile for tile,
/// so only the mapping's name tells their fault maps apart. Inject and fault-map files must use it.
/// </summary>
public class TwinMappingTests
{
    private static readonly FaultRates Rates = new(0.01, 0.002, 0, 0);

    [Fact]
    public void The_twins_have_equal_shapes_apart_from_the_name()
    {
        (TC.Shape.TileRows, TC.Shape.TileColumns, TC.Shape.IsSystolic).ShouldBe((DM.Shape.TileRows, DM.Shape.TileColumns, DM.Shape.IsSystolic));
        TC.Shape.Layers.ShouldBe(DM.Shape.Layers);
        TC.Shape.Mapping.ShouldNotBe(DM.Shape.Mapping);
    }

    [Fact]
    public void Inject_rejects_a_map_sampled_for_the_twin_and_names_both_mappings()
    {
        var chip = DM.Map(new LeNet5.Weights());
        var theirs = TC.SampleFaults(Rates, chip: 3);

        // The mistake XMAP1004 reports at compile time, made on purpose: this tests the run-time check behind it.
#pragma warning disable XMAP1004
        var error = Should.Throw<ArgumentException>(() => DM.Inject(chip, theirs));
#pragma warning restore XMAP1004

        error.Message.ShouldStartWith("The fault map does not fit mapping DM: the fault map was made for mapping 'Lab.LeNet.TC', not 'Lab.LeNet.DM'.");
        chip.AllTiles.Sum(t => t.FaultCount).ShouldBe(0);
    }

    [Fact]
    public void The_same_chip_under_the_twin_is_its_own_map_with_the_same_seed()
    {
        var chip = DM.Map(new LeNet5.Weights());
        var mine = DM.SampleFaults(Rates, chip: 3);

        DM.Inject(chip, mine);

        chip.AllTiles.Sum(t => t.FaultCount).ShouldBe(TC.SampleFaults(Rates, chip: 3).CellFaultCount);
        mine.CellFaultCount.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_file_loads_for_its_own_mapping_and_not_for_the_twin()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mapdsl-twin-{Guid.NewGuid():N}.faults");
        try
        {
            var sampled = DM.SampleFaults(Rates, chip: 5);
            FaultMapFile.Save(sampled, DM.Shape, path);

            var loaded = FaultMapFile.Load(path, DM.Shape);
            var chip = DM.Map(new LeNet5.Weights());
            DM.Inject(chip, loaded);
            chip.AllTiles.Sum(t => t.FaultCount).ShouldBe(sampled.CellFaultCount);

            var error = Should.Throw<FaultMapFormatException>(() => FaultMapFile.Load(path, TC.Shape));
            error.Message.ShouldContain("the file is for mapping 'Lab.LeNet.DM', but mapping 'Lab.LeNet.TC' was expected");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
