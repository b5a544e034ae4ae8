// Maps LeNet-5 onto 128x128 ReRAM crossbars with the two mappings Yuan et al. compare, and shows
// what the generated code knows at compile time (the tile plan) and what the hardware computes
// (the read-back weights and their error against the pruned weights).
//
// Until trained weights ship (issue 4), the weights are seeded Kaiming-normal draws: the tile
// plan does not depend on them, and the read-back error is relative to each layer's w_max.
using System.CommandLine;
using Lab.LeNet;
using MapLeNet;
using Spectre.Console;

var seed = new Option<int>("--seed") { Description = "Seed of the random weights", DefaultValueFactory = _ => 1 };
var chips = new Option<int>("--chips") { Description = "Chips (fault-map seeds) to inject StuckOnHeavy into", DefaultValueFactory = _ => 20 };
var root = new RootCommand("Map LeNet-5 (examples/xmap/lenet5.xmap) with two-column and differential schemes") { seed, chips };
root.SetAction(result =>
{
    var weights = RandomWeights.LeNet5(result.GetValue(seed));
    var pruned = Sparse.Apply(weights);
    AnsiConsole.Write(Report.TilePlan(TC.Layers, DM.Layers));
    AnsiConsole.Write(Report.ReadBackError("two-column (TC)", pruned, TC.ReadBack(TC.Map(weights))));
    AnsiConsole.Write(Report.ReadBackError("differential (DM)", pruned, DM.ReadBack(DM.Map(weights))));
    var chipCount = result.GetValue(chips);
    if (chipCount < 1)
    {
        AnsiConsole.MarkupLine("[red]--chips must be at least 1[/]");
        return 2;
    }

    AnsiConsole.Write(Report.FaultyReadBack(pruned, chipCount, chip =>
    {
        var faults = TC.SampleFaults(StuckOnHeavy.Rates, (ulong)chip);
        var twoColumn = TC.Map(weights);
        TC.Inject(twoColumn, faults);
        var differential = DM.Map(weights);
        DM.Inject(differential, faults); // the same chip: TC and DM have the same tile shapes
        return (TC.ReadBack(twoColumn), DM.ReadBack(differential));
    }));
    AnsiConsole.MarkupLine($"[grey]{Rram128.Levels} conductance levels from {Rram128.GOff * 1e6:0.###} uS to {Rram128.GOn * 1e6:0.###} uS; error is RMS(read back - pruned) / w_max per layer.[/]");
    return 0;
});
return root.Parse(args).Invoke();
