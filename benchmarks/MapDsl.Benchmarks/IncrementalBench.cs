using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine;
using MapDsl.Runtime.Evaluation;

namespace MapDsl.Benchmarks;

/// <summary>
/// `incremental`: one fault-campaign trial on LeNet-5 (the shipped model, the 1000 shipped Fashion-MNIST test images)
/// evaluated from scratch with the generated <c>Model.CountCorrect</c> and with <see cref="IncrementalEvaluator"/>,
/// for 10 changed weights in f1 only, in c2 only and in c1 only; then a crossover table of the first changed layer's
/// two paths (sparse correction vs recomputation), which is what the factors of <c>CorrectionPolicy</c> come from.
/// Last line: `incremental speed-up, changes in c2: &lt;x&gt;`.
/// </summary>
/// <remarks>
/// The GEMM runs on one thread (<see cref="Gemm.Parallelism"/> = 1) because a campaign runs one trial per core; the
/// from-scratch side is the generated model as a campaign without the evaluator would call it, weights patched in
/// and restored around it.
/// </remarks>
internal static class IncrementalBench
{
    private const int Changed = 10;
    private const int Trials = 16;

    public static void Run()
    {
        var previous = Gemm.Parallelism;
        Gemm.Parallelism = 1;
        try
        {
            var images = Datasets.FashionTest().Take(1000);
            var clean = Lab.LeNet.LeNet5.Weights.LoadSafetensors(ModelPath("lenet5"));
            var names = Lab.LeNet.LeNet5.WeightedLayerNames;
            var build = System.Diagnostics.Stopwatch.StartNew();
            var evaluator = new IncrementalEvaluator(Lab.LeNet.LeNet5.Graph, images.Pixels, images.Labels, names.Select(clean.WeightsOf).ToList(), names.Select(clean.BiasOf).ToList());
            Console.WriteLine($"LeNet-5, shipped model, {images.Count} test images, GEMM on 1 thread; evaluator built in {build.Elapsed.TotalMilliseconds:0} ms, cache {evaluator.CacheBytes / 1e6:0.0} MB ({evaluator.CacheBytes / images.Count / 1024.0:0.0} KiB per image), clean accuracy {evaluator.CleanCorrect}/{images.Count}");
            Console.WriteLine();
            Console.WriteLine($"{"10 changed weights in",-22} {"full CountCorrect",18} {"incremental",12} {"speed-up",9}");
            var speedUps = new Dictionary<string, double>();
            foreach (var layer in new[] { "f1", "c2", "c1" })
            {
                var trials = TrialsIn(clean, names.IndexOf(layer), Changed);
                var faulty = clean.Clone();
                var model = new Lab.LeNet.LeNet5.Model(250);
                var workspace = evaluator.CreateWorkspace();
                var next = 0;
                var full = Timing.Median(() => FullCount(model, images, clean, faulty, trials[next++ % Trials]));
                next = 0;
                var incremental = Timing.Median(() => evaluator.CountCorrect(trials[next++ % Trials], workspace));
                foreach (var trial in trials)
                {
                    if (FullCount(model, images, clean, faulty, trial) != evaluator.CountCorrect(trial, workspace))
                    {
                        Console.WriteLine($"  note: a trial in {layer} differs by a near tie between the two paths");
                    }
                }

                speedUps[layer] = full / incremental;
                Console.WriteLine($"{layer,-22} {Timing.Format(full),18} {Timing.Format(incremental),12} {full / incremental,8:0.0}x");
            }

            Console.WriteLine();
            Crossover(evaluator, clean);
            Console.WriteLine($"incremental speed-up, changes in c2: {speedUps["c2"]:0.0}");
        }
        finally
        {
            Gemm.Parallelism = previous;
        }
    }

    /// <summary>The first changed layer's two paths at growing change counts, and which one the cost model picks.</summary>
    private static void Crossover(IncrementalEvaluator evaluator, Lab.LeNet.LeNet5.Weights clean)
    {
        Console.WriteLine("crossover: one trial, changes in one layer, sparse correction vs recomputation of that layer (rest of the network included)");
        Console.WriteLine($"{"layer",-6} {"changes",8} {"sparse",12} {"recompute",12} {"model picks",12}");
        var workspace = evaluator.CreateWorkspace();
        foreach (var (layer, counts) in new[] { ("c1", new[] { 1, 5, 10, 20, 40, 80 }), ("c2", new[] { 10, 40, 80, 160, 320, 640 }), ("f1", new[] { 100, 1000, 2500, 5000, 10000 }) })
        {
            var index = Lab.LeNet.LeNet5.WeightedLayerNames.IndexOf(layer);
            foreach (var count in counts)
            {
                var trial = TrialsIn(clean, index, count)[0];
                evaluator.ForceSparse = true;
                var sparse = Timing.Median(() => evaluator.CountCorrect(trial, workspace), 0.5);
                evaluator.ForceSparse = false;
                var recompute = Timing.Median(() => evaluator.CountCorrect(trial, workspace), 0.5);
                evaluator.ForceSparse = null;
                Console.WriteLine($"{layer,-6} {count,8} {Timing.Format(sparse),12} {Timing.Format(recompute),12} {(evaluator.UsesSparseCorrection(index, count) ? "sparse" : "recompute"),12}");
            }
        }

        Console.WriteLine();
    }

    // From scratch, as a campaign without the evaluator: patch the faulty values in, count over 4 batches of 250, restore.
    private static int FullCount(Lab.LeNet.LeNet5.Model model, ImageSet images, Lab.LeNet.LeNet5.Weights clean, Lab.LeNet.LeNet5.Weights faulty, WeightChanges?[] trial)
    {
        Apply(faulty, trial, clean, restore: false);
        var correct = 0;
        for (var start = 0; start < images.Count; start += 250)
        {
            var part = images.Slice(start, 250);
            correct += model.CountCorrect(part.Pixels, part.Labels, 250, faulty);
        }

        Apply(faulty, trial, clean, restore: true);
        return correct;
    }

    private static void Apply(Lab.LeNet.LeNet5.Weights faulty, WeightChanges?[] trial, Lab.LeNet.LeNet5.Weights clean, bool restore)
    {
        for (var layer = 0; layer < trial.Length; layer++)
        {
            if (trial[layer] is { } changes)
            {
                var name = Lab.LeNet.LeNet5.WeightedLayerNames[layer];
                var target = faulty.WeightsOf(name);
                var source = clean.WeightsOf(name);
                for (var j = 0; j < changes.Count; j++)
                {
                    var index = changes.Indices[j];
                    target[index] = restore ? source[index] : changes.Values[j];
                }
            }
        }
    }

    // Seeded trials: `count` distinct weights of one layer set to values within twice the layer's largest |w|.
    private static WeightChanges?[][] TrialsIn(Lab.LeNet.LeNet5.Weights clean, int layer, int count)
    {
        var random = new Random(17 + layer);
        var weights = clean.WeightsOf(Lab.LeNet.LeNet5.WeightedLayerNames[layer]);
        var scale = 2 * weights.Max(Math.Abs);
        return [.. Enumerable.Range(0, Trials).Select(_ =>
        {
            var trial = new WeightChanges?[Lab.LeNet.LeNet5.WeightedLayerCount];
            var changes = new WeightChanges(count);
            foreach (var index in Enumerable.Range(0, weights.Length).OrderBy(_ => random.Next()).Take(count))
            {
                changes.Add(index, (float)((random.NextDouble() * 2 - 1) * scale));
            }

            trial[layer] = changes;
            return trial;
        })];
    }

    private static int IndexOf(this IReadOnlyList<string> names, string name) => names.ToList().IndexOf(name);

    internal static string ModelPath(string network)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MapDsl.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("MapDsl.sln not found above the bench binaries"), "models", $"{network}.safetensors");
    }
}
