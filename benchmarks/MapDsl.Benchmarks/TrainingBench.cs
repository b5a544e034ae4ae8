using System.Diagnostics;
using System.Globalization;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine;
using MapDsl.Runtime.Engine.Training;

namespace MapDsl.Benchmarks;

/// <summary>
/// LeNet-5 masked training, the step of fault-aware training (and of pruning's fine-tuning): forward, softmax
/// cross-entropy, backward, Nesterov SGD with a tenth of every layer's weights masked, on the 4,000 shipped training
/// images, at batches of 32 and 128. benchmarks/training/lenet5_training.py runs the same step in PyTorch.
/// </summary>
internal static class TrainingBench
{
    public static int Run()
    {
        var train = Datasets.FashionTrain();
        var trained = Lab.LeNet.LeNet5.Weights.LoadSafetensors(IncrementalBench.ModelPath("lenet5"));
        var random = new Random(1);
        IReadOnlyList<bool[]> keep = [.. Lab.LeNet.LeNet5.WeightedLayerNames.Select(l => trained.WeightsOf(l).Select(_ => random.NextDouble() >= 0.1).ToArray())];
        Console.WriteLine($"LeNet-5 masked training (10% of each layer's weights masked), {train.Count} images per epoch, {Gemm.Parallelism} GEMM threads; median of 3 epochs after one to warm up");
        foreach (int batch in new[] { 32, 128 })
        {
            var times = new List<double>();
            for (int run = 0; run < 4; run++)
            {
                var weights = trained.Clone();
                var clock = Stopwatch.StartNew();
                MaskedTrainer.FineTune(weights, keep, train, new TrainingOptions(Epochs: 1, LearningRate: 0.003f, BatchSize: batch, Seed: run, Nesterov: true));
                times.Add(clock.Elapsed.TotalSeconds);
            }

            double median = times.Skip(1).Order().ElementAt(1);
            int images = train.Count / batch * batch;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lenet5 masked training images/s at batch {batch}: {images / median:0}"));
        }

        return 0;
    }
}
