using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;

namespace Train;

/// <summary>
/// The training run of each example network: He-initialised weights, the runtime's mini-batch SGD loop
/// (MaskedTrainer) through the generated model's Loss, test accuracy after each epoch, weights saved as .safetensors.
/// </summary>
internal static class Trainers
{
    public static double LeNet5(ImageSet train, ImageSet test, TrainingSettings settings, string path)
    {
        var random = new Random(settings.Seed);
        var weights = new Lab.LeNet.LeNet5.Weights(
            He(random, Lab.LeNet.LeNet5.C1.WeightCount, Lab.LeNet.LeNet5.C1.MatrixRows), new float[Lab.LeNet.LeNet5.C1.BiasCount],
            He(random, Lab.LeNet.LeNet5.C2.WeightCount, Lab.LeNet.LeNet5.C2.MatrixRows), new float[Lab.LeNet.LeNet5.C2.BiasCount],
            He(random, Lab.LeNet.LeNet5.F1.WeightCount, Lab.LeNet.LeNet5.F1.MatrixRows), new float[Lab.LeNet.LeNet5.F1.BiasCount],
            He(random, Lab.LeNet.LeNet5.F2.WeightCount, Lab.LeNet.LeNet5.F2.MatrixRows), new float[Lab.LeNet.LeNet5.F2.BiasCount],
            He(random, Lab.LeNet.LeNet5.F3.WeightCount, Lab.LeNet.LeNet5.F3.MatrixRows), new float[Lab.LeNet.LeNet5.F3.BiasCount]);
        var model = new Lab.LeNet.LeNet5.Model(TrainingSettings.Batch);
        var evaluator = new Lab.LeNet.LeNet5.Model(250);
        var gradients = new Lab.LeNet.LeNet5.Weights();
        var accuracy = Run(
            train, test, settings, random,
            TrainableLayer.From(Lab.LeNet.LeNet5.WeightedLayerNames, weights.WeightsOf, weights.BiasOf, gradients.WeightsOf, gradients.BiasOf),
            (pixels, labels, batch) => model.Loss(pixels, labels, batch, weights, gradients),
            (pixels, labels, batch) => evaluator.CountCorrect(pixels, labels, batch, weights));
        CreateFolderOf(path);
        weights.SaveSafetensors(path, settings.Metadata(accuracy));
        return accuracy;
    }

    public static double Mlp(ImageSet train, ImageSet test, TrainingSettings settings, string path)
    {
        var random = new Random(settings.Seed);
        var weights = new Lab.Mlp.Mlp.Weights(
            He(random, Lab.Mlp.Mlp.Hidden.WeightCount, 784), new float[256], He(random, Lab.Mlp.Mlp.Out.WeightCount, 256), new float[10]);
        var model = new Lab.Mlp.Mlp.Model(TrainingSettings.Batch);
        var evaluator = new Lab.Mlp.Mlp.Model(250);
        var gradients = new Lab.Mlp.Mlp.Weights();
        var accuracy = Run(
            train, test, settings, random,
            TrainableLayer.From(Lab.Mlp.Mlp.WeightedLayerNames, weights.WeightsOf, weights.BiasOf, gradients.WeightsOf, gradients.BiasOf),
            (pixels, labels, batch) => model.Loss(pixels, labels, batch, weights, gradients),
            (pixels, labels, batch) => evaluator.CountCorrect(pixels, labels, batch, weights));
        CreateFolderOf(path);
        weights.SaveSafetensors(path, settings.Metadata(accuracy));
        return accuracy;
    }

    // The shared loop of the runtime (MaskedTrainer, no masks here); the shuffles continue the generator that drew
    // the initial weights, so a seed gives the same run as it always has.
    private static double Run(
        ImageSet train, ImageSet test, TrainingSettings settings, Random random, IReadOnlyList<TrainableLayer> layers,
        BatchLoss loss, Func<float[], byte[], int, int> countCorrect)
    {
        var options = new TrainingOptions(settings.Epochs, settings.LearningRate, TrainingSettings.Momentum, TrainingSettings.Batch, settings.Seed, Nesterov: true, WeightDecay: TrainingSettings.WeightDecay)
        {
            // Step decay: a tenth of the rate for the last quarter of the epochs.
            LearningRateOfEpoch = epoch => epoch > settings.Epochs * 3 / 4 ? settings.LearningRate / 10 : settings.LearningRate,
        };
        var accuracy = 0.0;
        MaskedTrainer.Train(layers, loss, train, options, (epoch, meanLoss) =>
        {
            accuracy = Evaluate(test, countCorrect);
            Console.WriteLine($"epoch {epoch,3}: mean loss {meanLoss:0.0000}, test accuracy {accuracy:P2}");
        }, random);
        return accuracy;
    }

    private static double Evaluate(ImageSet test, Func<float[], byte[], int, int> countCorrect)
    {
        var correct = 0;
        for (var start = 0; start < test.Count; start += 250)
        {
            var part = test.Slice(start, Math.Min(250, test.Count - start));
            correct += countCorrect(part.Pixels, part.Labels, part.Count);
        }

        return (double)correct / test.Count;
    }

    private static void CreateFolderOf(string path) => Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);

    // He (Kaiming) normal initialisation for ReLU networks, by Box-Muller from the seeded generator.
    private static float[] He(Random random, int count, int fanIn) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()) * Math.Sqrt(2.0 / fanIn)))];
}
