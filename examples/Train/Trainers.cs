using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Evaluation;

namespace Train;

/// <summary>
/// The training run of each example network: He-initialised weights, the runtime's mini-batch SGD loop
/// (MaskedTrainer) through the generated model's Loss, test accuracy after each epoch, weights saved as .safetensors.
/// </summary>
internal static class Trainers
{
    /// <summary>Trains a generated network from He-initialised weights and saves it; returns the final test accuracy.</summary>
    public static double Train<TWeights>(ImageSet train, ImageSet test, TrainingSettings settings, string path)
        where TWeights : class, INetworkWeights<TWeights>
    {
        var random = new Random(settings.Seed);
        var weights = HeInitialization.Draw<TWeights>(random);

        var model = TWeights.CreateModel(settings.Batch);
        var gradients = TWeights.Zero();
        var accuracy = Run(
            train, test, settings, random,
            TrainableLayer.From(weights, gradients),
            (pixels, labels, batch) => model.Loss(pixels, labels, batch, weights, gradients),
            weights);
        CreateFolderOf(path);
        weights.SaveSafetensors(path, settings.Metadata(accuracy));
        return accuracy;
    }

    // The shared loop of the runtime (MaskedTrainer, no masks here); the shuffles continue the generator that drew
    // the initial weights, so a seed gives the same run as it always has.
    private static double Run<TWeights>(
        ImageSet train, ImageSet test, TrainingSettings settings, Random random, IReadOnlyList<TrainableLayer> layers, BatchLoss loss, TWeights weights)
        where TWeights : class, INetworkWeights<TWeights>
    {
        var options = new TrainingOptions(settings.Epochs, settings.LearningRate, TrainingSettings.Momentum, settings.Batch, settings.Seed, Nesterov: true, WeightDecay: TrainingSettings.WeightDecay)
        {
            LearningRateOfEpoch = settings.LearningRateOf,
        };
        var accuracy = 0.0;
        MaskedTrainer.Train(layers, loss, train, options, (epoch, meanLoss) =>
        {
            accuracy = TestAccuracy.Of(weights, test);
            Console.WriteLine($"epoch {epoch,3}: mean loss {meanLoss:0.0000}, test accuracy {accuracy:P2}");
        }, random);
        return accuracy;
    }

    private static void CreateFolderOf(string path) => Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
}
