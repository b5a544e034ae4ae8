using Lab.ResNet;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Engine;
using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Evaluation;

namespace MapDsl.Benchmarks;

/// <summary>
/// Part of `resnet`: one fault-campaign trial on the shipped ResNet-8 (folded, as a mapping reads it back; 1000 shipped
/// test images, GEMM on one thread as in a campaign), 10 changed weights in one layer, evaluated incrementally layer by
/// layer from that layer and by the evaluator's choice, which restarts from the input depth-first where
/// <c>RestartPolicy</c> expects that to be faster. This is what the policy's factor comes from.
/// </summary>
internal static class ResNetTrialBench
{
    private const int Changed = 10;

    public static void Run()
    {
        var previous = Gemm.Parallelism;
        Gemm.Parallelism = 1;
        try
        {
            var images = Datasets.FashionTest().Take(1000);
            var weights = BatchNormFolding.Folded(ResNet8.Weights.LoadSafetensors(IncrementalBench.ModelPath("resnet8")));
            var names = ResNet8.WeightedLayerNames;
            var evaluator = new IncrementalEvaluator(ResNet8.Graph, images.Pixels, images.Labels, names.Select(weights.WeightsOf).ToList(), names.Select(weights.BiasOf).ToList(), norms: weights.Norms);
            var workspace = evaluator.CreateWorkspace();
            Console.WriteLine();
            Console.WriteLine($"ResNet-8 trial, shipped model folded, {images.Count} test images, GEMM on 1 thread, {Changed} changed weights in one layer");
            Console.WriteLine($"{"layer",-8} {"layer by layer",15} {"evaluator",12} {"restarts",9} {"speed-up",9}");
            foreach (var layer in new[] { "stem", "r1.a", "r2.a", "r2.b", "r3.a", "fc" })
            {
                var index = names.ToList().IndexOf(layer);
                var trial = Trial(weights, index);
                evaluator.ForceLayerByLayer = true;
                var layerByLayer = Timing.Median(() => evaluator.CountCorrect(trial, workspace), 0.5);
                evaluator.ForceLayerByLayer = false;
                var chosen = Timing.Median(() => evaluator.CountCorrect(trial, workspace), 0.5);
                Console.WriteLine($"{layer,-8} {Timing.Format(layerByLayer),15} {Timing.Format(chosen),12} {(evaluator.RestartsFromInput(index) ? "yes" : "no"),9} {layerByLayer / chosen,8:0.0}x");
            }
        }
        finally
        {
            Gemm.Parallelism = previous;
        }
    }

    // Seeded: `Changed` distinct weights of one layer set to values within twice the layer's largest |w|.
    private static WeightChanges?[] Trial(ResNet8.Weights weights, int layer)
    {
        var random = new Random(31 + layer);
        var values = weights.WeightsOf(ResNet8.WeightedLayerNames[layer]);
        var scale = 2 * values.Max(Math.Abs);
        var changes = new WeightChanges(Changed);
        foreach (var index in Enumerable.Range(0, values.Length).OrderBy(_ => random.Next()).Take(Changed))
        {
            changes.Add(index, (float)((random.NextDouble() * 2 - 1) * scale));
        }

        var trial = new WeightChanges?[ResNet8.WeightedLayerNames.Count];
        trial[layer] = changes;
        return trial;
    }
}
