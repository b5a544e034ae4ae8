using System.Diagnostics;
using System.Globalization;
using MapDsl.Runtime.BitErrors;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine;
using MapDsl.Runtime.Engine.Layers;
using MapDsl.Runtime.Engine.Training;
using MapDsl.Runtime.Faults;

namespace MapDsl.Benchmarks;

/// <summary>
/// Bit error robustness speed (issue "Reproduce bit-error robustness", item 6), on the shipped MLP and LeNet-5 with
/// 8-bit RQuant codes (w_max 0.1): (1) evaluations per second of the paper's grid, 50 nested patterns x 10 rates on
/// the 1,000 shipped test images, by BitErrorEvaluation (clean activations cached, only flipped codes corrected) on 1
/// and 2 workers, against evaluating a pattern from scratch (inject, map, read back, forward clean and perturbed) on
/// 10 patterns at 3 rates; (2) RandBET training images/s at batch 128 (two forward and backward passes per step). The
/// PyTorch side is benchmarks/bit-errors/bit_errors.py.
/// </summary>
internal static class BitErrorBench
{
    private static readonly double[] PaperRates = [0.001, 0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.1, 0.15, 0.2];

    public static int Run()
    {
        var test = Datasets.FashionTest();
        var train = Datasets.FashionTrain();
        Console.WriteLine($"{test.Count} test images, {train.Count} training images, {Environment.ProcessorCount} cores, {Gemm.Parallelism} GEMM threads");
        Measure<Lab.Mlp.Mlp.Weights>("mlp", Bench.MlpCodes.Instance, test, train);
        Measure<Lab.LeNet.LeNet5.Weights>("lenet5", Bench.LeNetCodes.Instance, test, train);
        return 0;
    }

    private static void Measure<TWeights>(string name, IMapping<TWeights> mapping, ImageSet test, ImageSet train)
        where TWeights : class, INetworkWeights<TWeights>
    {
        var weights = TWeights.LoadSafetensors(IncrementalBench.ModelPath(name));
        var evaluation = new BitErrorEvaluation<TWeights>(new MappingEvaluation<TWeights>(mapping, weights, test));
        evaluation.Run([0.01], 4); // warm up
        foreach (int workers in new[] { 1, 2 })
        {
            var clock = Stopwatch.StartNew();
            var scores = evaluation.Run(PaperRates, 50, workers);
            Print($"{name} bit-error evaluations/s, 50 patterns x 10 rates, {workers} worker(s): {scores.Count / clock.Elapsed.TotalSeconds:0.0} (grid in {clock.Elapsed.TotalSeconds:0.00} s)");
        }

        foreach (double rate in new[] { 0.001, 0.01, 0.1 })
        {
            var fast = Stopwatch.StartNew();
            for (int pattern = 1; pattern <= 10; pattern++)
            {
                evaluation.Score(rate, pattern);
            }

            double fastSeconds = fast.Elapsed.TotalSeconds;
            var model = TWeights.CreateModel(250);
            var clean = Predictions(model, mapping.ReadBack(mapping.Map(weights)), test); // once, as the cache does
            var scratch = Stopwatch.StartNew();
            for (int pattern = 1; pattern <= 10; pattern++)
            {
                FromScratch(mapping, model, weights, test, clean, rate, pattern);
            }

            double scratchSeconds = scratch.Elapsed.TotalSeconds;
            Print($"{name} at p = {rate * 100:0.###}%, 1 worker: {10 / fastSeconds:0.0} evaluations/s incremental vs {10 / scratchSeconds:0.0} from scratch ({scratchSeconds / fastSeconds:0.0}x)");
        }

        foreach (var (method, rate) in new[] { ("clipping", 0.0), ("randbet", 0.01) })
        {
            var times = new List<double>();
            for (int run = 0; run < 3; run++)
            {
                var trained = weights.Clone();
                var clock = Stopwatch.StartNew();
                QuantizedTraining.Train(trained, mapping, train, new TrainingOptions(1, 0.01f, BatchSize: 128, Seed: run, Nesterov: true, WeightDecay: 5e-4f), new BitErrorTrainingSettings(mapping.Quantizer!, 0.1, rate));
                times.Add(clock.Elapsed.TotalSeconds);
            }

            double median = times.Order().ElementAt(1);
            Print($"{name} {method} training images/s at batch 128 (median of 3 epochs): {train.Count / 128 * 128 / median:0}");
        }
    }

    // What a pattern costs without the cache: the chip with the pattern injected, mapped, read back, and the whole
    // test set through the network; the clean predictions are computed once outside.
    private static int FromScratch<TWeights>(IMapping<TWeights> mapping, INetworkModel<TWeights> model, TWeights weights, ImageSet test, bool[] clean, double rate, int pattern)
        where TWeights : class, INetworkWeights<TWeights>
    {
        var chip = mapping.CreateChip();
        mapping.Inject(chip, mapping.SampleFaults(FaultRates.None with { BitFlip = rate }, (ulong)pattern));
        mapping.Map(weights, chip);
        var perturbed = Predictions(model, mapping.ReadBack(chip), test);
        return Enumerable.Range(0, test.Count).Count(i => perturbed[i] && clean[i]);
    }

    private static bool[] Predictions<TWeights>(INetworkModel<TWeights> model, TWeights weights, ImageSet test)
        where TWeights : class, INetworkWeights<TWeights>
    {
        var right = new bool[test.Count];
        for (int start = 0; start < test.Count; start += 250)
        {
            int count = Math.Min(250, test.Count - start);
            var logits = model.Forward(test.Pixels.AsSpan(start * test.PixelsPerImage, count * test.PixelsPerImage), count, weights);
            for (int i = 0; i < count; i++)
            {
                right[start + i] = SoftmaxCrossEntropy.ArgMax(logits.Slice(i * 10, 10)) == test.Labels[start + i];
            }
        }

        return right;
    }

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
