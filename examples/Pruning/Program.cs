// Prunes the trained LeNet-5 (models/lenet5.safetensors) with one declaration per pruning kind of pruning.xmap, then
// fine-tunes each pruned network on the training set with its keep-masks (MaskedTrainer: pruned weights stay exactly
// 0). Prints test accuracy before pruning, after pruning and after fine-tuning with the sparsity achieved per layer,
// and writes the same table to <out>/pruning.csv.
using System.CommandLine;
using MapDsl.Experiments;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Evaluation;
using Pruning;
using Spectre.Console;

var epochs = new Option<int>("--epochs") { Description = "Epochs of masked fine-tuning per pruning", DefaultValueFactory = _ => 2 };
var learningRate = new Option<float>("--lr") { Description = "Learning rate of the fine-tuning (SGD, momentum 0.9, batch 32)", DefaultValueFactory = _ => 0.01f }.ReadInvariantly();
var data = new Option<string?>("--data") { Description = "Folder with Fashion-MNIST IDX files (default: the shipped slice)" };
var weightsPath = new Option<string?>("--weights") { Description = "A trained LeNet-5 .safetensors (default: models/lenet5.safetensors)" };
var seed = new Option<int>("--seed") { Description = "Seed of the fine-tuning's shuffles", DefaultValueFactory = _ => 1 };
var output = new Option<string>("--out") { Description = "Output folder for pruning.csv", DefaultValueFactory = _ => Path.Combine("results", "pruning") };
var root = new RootCommand("Prune LeNet-5 with every pruning kind and recover accuracy by masked fine-tuning") { epochs, learningRate, data, weightsPath, seed, output };
root.SetAction(result =>
{
    var epochCount = result.GetValue(epochs);
    var rate = result.GetValue(learningRate);
    if (epochCount < 1 || !(rate > 0 && float.IsFinite(rate)))
    {
        AnsiConsole.MarkupLine("[red]--epochs must be at least 1 and --lr positive[/]");
        return 2;
    }

    Lab.LeNet.LeNet5.Weights trained;
    ImageSet train, test;
    try
    {
        trained = Lab.LeNet.LeNet5.Weights.LoadSafetensors(result.GetValue(weightsPath) ?? MapDsl.Examples.RepositoryFiles.Path("models", "lenet5.safetensors"));
        train = Datasets.FashionTrain(result.GetValue(data));
        test = Datasets.FashionTest(result.GetValue(data));
    }
    catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or DataFormatException or MapDsl.Runtime.Interchange.InterchangeFormatException or InvalidOperationException)
    {
        AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
        return 1;
    }

    var layers = Lab.LeNet.LeNet5.WeightedLayerNames;
    var options = new TrainingOptions(epochCount, rate, Momentum: 0.9f, BatchSize: 32, Seed: result.GetValue(seed));
    var trainedAccuracy = TestAccuracy.Of(trained, test);
    AnsiConsole.MarkupLine($"trained LeNet-5: {trainedAccuracy:P2} on {test.Count} test images; fine-tuning on {train.Count} training images, {epochCount} epochs, lr {rate}");

    var results = new List<PruningResult>();
    foreach (var declaration in Lab.Pruning.XmapDeclarations.Prunings.OfType<IPruning<Lab.LeNet.LeNet5.Weights>>())
    {
        var tuned = PruneAndFineTune.Run(declaration, trained, train, options, (epoch, loss) =>
            AnsiConsole.MarkupLine($"  {Markup.Escape(declaration.Name)} epoch {epoch}: mean loss {loss:0.0000}"));
        var (perLayer, overall) = PruningResult.SparsityOf([.. layers.Select(l => tuned.FineTuned.WeightsOf(l))]);
        results.Add(new PruningResult(declaration, trainedAccuracy, TestAccuracy.Of(tuned.Pruned, test), TestAccuracy.Of(tuned.FineTuned, test), perLayer, overall));
    }

    var folder = result.GetValue(output)!;
    var csv = Path.Combine(folder, "pruning.csv");
    Report.WriteCsv(csv, results, layers);
    AnsiConsole.Write(Report.Table(results, layers, $"{test.Count} test images of {test.Source}; fine-tuned {epochCount} epochs at lr {rate}, seed {result.GetValue(seed)}; written to {csv}"));
    return 0;
});
return root.Parse(args).Invoke();
