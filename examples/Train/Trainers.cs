using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine.Training;

namespace Train;

/// <summary>
/// The training loop for each example network: shuffled mini-batches through the generated model's Loss,
/// SGD on every weight and bias array, test accuracy after each epoch, weights saved as .safetensors.
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
        var accuracy = Run(
            train, test, settings, random, Lab.LeNet.LeNet5.WeightedLayerNames, weights.WeightsOf, weights.BiasOf, new Lab.LeNet.LeNet5.Weights(),
            (gradients, pixels, labels, batch) => model.Loss(pixels, labels, batch, weights, gradients),
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
        var accuracy = Run(
            train, test, settings, random, Lab.Mlp.Mlp.WeightedLayerNames, weights.WeightsOf, weights.BiasOf, new Lab.Mlp.Mlp.Weights(),
            (gradients, pixels, labels, batch) => model.Loss(pixels, labels, batch, weights, gradients),
            (pixels, labels, batch) => evaluator.CountCorrect(pixels, labels, batch, weights));
        CreateFolderOf(path);
        weights.SaveSafetensors(path, settings.Metadata(accuracy));
        return accuracy;
    }

    private static double Run<TWeights>(
        ImageSet train, ImageSet test, TrainingSettings settings, Random random, IReadOnlyList<string> layers,
        Func<string, float[]> weightsOf, Func<string, float[]> biasOf, TWeights gradients,
        Func<TWeights, float[], byte[], int, double> loss, Func<float[], byte[], int, int> countCorrect)
        where TWeights : class
    {
        var sgd = new Sgd(settings.LearningRate, TrainingSettings.Momentum, nesterov: true, weightDecay: TrainingSettings.WeightDecay);
        var gradientOf = (Func<string, float[]>)Delegate.CreateDelegate(typeof(Func<string, float[]>), gradients, "WeightsOf");
        var gradientBiasOf = (Func<string, float[]>)Delegate.CreateDelegate(typeof(Func<string, float[]>), gradients, "BiasOf");
        var slots = layers.Select(l => (Layer: l, Weights: sgd.RegisterWeights(weightsOf(l).Length), Bias: sgd.RegisterBiases(biasOf(l).Length))).ToArray();
        var batch = TrainingSettings.Batch;
        var pixels = new float[batch * train.PixelsPerImage];
        var labels = new byte[batch];
        var order = Enumerable.Range(0, train.Count).ToArray();
        var accuracy = 0.0;
        for (var epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            // Step decay: a tenth of the rate for the last quarter of the epochs.
            sgd.LearningRate = epoch > settings.Epochs * 3 / 4 ? settings.LearningRate / 10 : settings.LearningRate;
            random.Shuffle(order);
            var total = 0.0;
            var batches = 0;
            for (var start = 0; start + batch <= order.Length; start += batch, batches++)
            {
                for (var i = 0; i < batch; i++)
                {
                    train.Image(order[start + i]).CopyTo(pixels.AsSpan(i * train.PixelsPerImage));
                    labels[i] = train.Labels[order[start + i]];
                }

                total += loss(gradients, pixels, labels, batch);
                foreach (var slot in slots)
                {
                    sgd.Step(weightsOf(slot.Layer), gradientOf(slot.Layer), slot.Weights);
                    sgd.Step(biasOf(slot.Layer), gradientBiasOf(slot.Layer), slot.Bias);
                }
            }

            accuracy = Evaluate(test, countCorrect);
            Console.WriteLine($"epoch {epoch,3}: mean loss {total / batches:0.0000}, test accuracy {accuracy:P2}");
        }

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
