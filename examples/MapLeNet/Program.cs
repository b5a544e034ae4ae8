// Maps the trained LeNet-5 (models/lenet5.safetensors, examples/xmap/lenet5.xmap) onto 128x128 ReRAM crossbars with
// the two mappings Yuan et al. compare, and shows what the generated code knows at compile time (the tile plan),
// what the hardware computes (read-back error per layer) and what that does to test accuracy when the same chips
// carry the faults of StuckOnHeavy. Pruning here is applied without fine-tuning (that comes with the campaigns).
using System.CommandLine;
using Lab.LeNet;
using MapDsl.Runtime.Data;
using MapLeNet;
using Spectre.Console;

var chips = new Option<int>("--chips") { Description = "Chips (fault-map seeds) to inject StuckOnHeavy into", DefaultValueFactory = _ => 20 };
var weightsPath = new Option<string?>("--weights") { Description = "A LeNet-5 .safetensors (default: models/lenet5.safetensors)" };
var data = new Option<string?>("--data") { Description = "Folder with Fashion-MNIST IDX files (default: the shipped slice)" };
var root = new RootCommand("Map the trained LeNet-5 with two-column and differential schemes, with and without faults") { chips, weightsPath, data };
root.SetAction(result =>
{
    var chipCount = result.GetValue(chips);
    if (chipCount < 1)
    {
        AnsiConsole.MarkupLine("[red]--chips must be at least 1[/]");
        return 2;
    }

    LeNet5.Weights weights;
    ImageSet test;
    try
    {
        weights = LeNet5.Weights.LoadSafetensors(result.GetValue(weightsPath) ?? MapDsl.Examples.RepositoryFiles.Path("models", "lenet5.safetensors"));
        test = Datasets.FashionTest(result.GetValue(data));
    }
    catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or DataFormatException or MapDsl.Runtime.Interchange.InterchangeFormatException or InvalidOperationException)
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
        return 1;
    }

    var pruned = Sparse.Apply(weights);
    AnsiConsole.Write(Report.TilePlan(TC.Layers, DM.Layers));
    AnsiConsole.Write(Report.ReadBackError("two-column (TC)", pruned, TC.ReadBack(TC.Map(weights))));
    AnsiConsole.Write(Report.ReadBackError("differential (DM)", pruned, DM.ReadBack(DM.Map(weights))));

    var faultyChips = Enumerable.Range(1, chipCount).Select(chip =>
    {
        // The same chip under both mappings: TC and DM have the same tile shapes, so one seed gives both the same faults.
        // Each mapping gets its own map, though; Inject refuses a map sampled for another mapping.
        var twoColumn = TC.Map(weights);
        TC.Inject(twoColumn, TC.SampleFaults(StuckOnHeavy.Rates, (ulong)chip));
        var differential = DM.Map(weights);
        DM.Inject(differential, DM.SampleFaults(StuckOnHeavy.Rates, (ulong)chip));
        return (TwoColumn: TC.ReadBack(twoColumn), Differential: DM.ReadBack(differential));
    }).ToList();
    AnsiConsole.Write(Report.FaultyReadBack(pruned, faultyChips));
    AnsiConsole.Write(Report.Accuracy(test, weights, pruned, TC.ReadBack(TC.Map(weights)), DM.ReadBack(DM.Map(weights)), faultyChips));
    return 0;
});
return root.Parse(args).Invoke();
