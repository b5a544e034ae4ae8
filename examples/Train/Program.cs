// Trains LeNet-5 (examples/xmap/lenet5.xmap), the 784-256-10 MLP (examples/xmap/mlp.xmap) or ResNet-8
// (examples/xmap/resnet8.xmap) with SGD on
// Fashion-MNIST (the shipped slice by default, or a full copy via --data / MAPDSL_DATA) and saves the weights
// as .safetensors with the seed and settings in its metadata, so a run can be reproduced exactly.
using System.CommandLine;
using InvariantNumberOption = MapDsl.Experiments.InvariantNumberOption;
using MapDsl.Runtime.Data;
using Train;

var network = new Option<string>("--network") { Description = "lenet5, mlp or resnet8", DefaultValueFactory = _ => "lenet5" };
var epochs = new Option<int>("--epochs") { Description = "Passes over the training set", DefaultValueFactory = _ => 15 };
var seed = new Option<int>("--seed") { Description = "Seed of the initial weights and the shuffling", DefaultValueFactory = _ => 1 };
// Read with a decimal point in every culture (MapDsl.Experiments has a TrainingSettings of its own, hence no using).
var learningRate = InvariantNumberOption.ReadInvariantly(new Option<float?>("--lr") { Description = "SGD learning rate (momentum 0.9, Nesterov); default 0.02, for resnet8 0.1" });
var data = new Option<string?>("--data") { Description = "Folder with the Fashion-MNIST IDX files (default: the shipped slice)" };
var output = new Option<string?>("--out") { Description = "Where to save the .safetensors (default: models/<network>.safetensors)" };
var root = new RootCommand("Train an example network on Fashion-MNIST") { network, epochs, seed, learningRate, data, output };
root.SetAction(result =>
{
    var name = result.GetValue(network)!;
    if (!TrainingSettings.Networks.Contains(name))
    {
        Console.Error.WriteLine($"--network must be one of {string.Join(", ", TrainingSettings.Networks)}, got '{name}'");
        return 2;
    }

    if (result.GetValue(epochs) < 1)
    {
        Console.Error.WriteLine("--epochs must be at least 1");
        return 2;
    }

    ImageSet train, test;
    try
    {
        train = Datasets.FashionTrain(result.GetValue(data));
        test = Datasets.FashionTest(result.GetValue(data));
    }
    catch (Exception e) when (e is DataFormatException or IOException or InvalidOperationException or ArgumentException)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }

    var settings = new TrainingSettings(name, result.GetValue(epochs), result.GetValue(seed), result.GetValue(learningRate) ?? TrainingSettings.DefaultLearningRate(name), train.Source, result.GetValue(data), train.Count, test.Count);
    var path = result.GetValue(output) ?? Path.Combine("models", $"{name}.safetensors");
    var accuracy = name switch
    {
        "lenet5" => Trainers.Train<Lab.LeNet.LeNet5.Weights>(train, test, settings, path),
        "mlp" => Trainers.Train<Lab.Mlp.Mlp.Weights>(train, test, settings, path),
        _ => Trainers.Train<Lab.ResNet.ResNet8.Weights>(train, test, settings, path),
    };
    Console.WriteLine($"{name}: test accuracy {accuracy:P2} on {test.Count} images; saved {path}");
    return 0;
});
return root.Parse(args).Invoke();
