using System.Diagnostics;
using System.Globalization;
using Lab.ResNet;
using MapDsl.Runtime.Engine;

namespace MapDsl.Benchmarks;

/// <summary>
/// ResNet-8 (examples/xmap/resnet8.xmap) inference in images/s at batch 256: the generated model's forward pass with
/// unfolded batch norms, and the folded network a mapping reads back (batch norms in the conv weights), and a training
/// step (forward, backward, batch statistics) at batch 128; then a campaign trial's two paths (<see cref="ResNetTrialBench"/>).
/// benchmarks/resnet/resnet_forward.py times PyTorch's forward
/// on the same network and batch.
/// </summary>
internal static class ResNetBench
{
    private const int Batch = 256;
    private const int Repeats = 20;

    public static int Run()
    {
        var weights = HeWeights();
        var random = new Random(2);
        var pixels = new float[Batch * ResNet8.Graph.InputLength];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)random.NextDouble();
        }

        Console.WriteLine($"ResNet-8 on {ResNet8.Graph.InputChannels}x{ResNet8.Graph.InputHeight}x{ResNet8.Graph.InputWidth} inputs, {Gemm.Parallelism} GEMM threads; median of 5 runs of {Repeats} batches after a warm-up");
        var model = new ResNet8.Model(Batch);
        var folded = Runtime.Engine.Graph.BatchNormFolding.Folded(weights);
        Report("resnet8 forward batch 256 img/s", Batch * Repeats, () =>
        {
            for (var r = 0; r < Repeats; r++)
            {
                model.Forward(pixels, Batch, weights);
            }
        });
        Report("resnet8 folded forward batch 256 img/s", Batch * Repeats, () =>
        {
            for (var r = 0; r < Repeats; r++)
            {
                model.Forward(pixels, Batch, folded);
            }
        });

        var labels = new byte[128];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = (byte)random.Next(10);
        }

        var trainer = new ResNet8.Model(128);
        var gradients = new ResNet8.Weights();
        Report("resnet8 training step batch 128 img/s", 128 * 5, () =>
        {
            for (var r = 0; r < 5; r++)
            {
                trainer.Loss(pixels.AsSpan(0, 128 * ResNet8.Graph.InputLength), labels, 128, weights, gradients);
            }
        });
        ResNetTrialBench.Run();
        return 0;
    }

    private static ResNet8.Weights HeWeights() => Runtime.Engine.Training.HeInitialization.Draw<ResNet8.Weights>(new Random(1));

    private static void Report(string what, int images, Action run)
    {
        run();
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            times.Add(clock.Elapsed.TotalSeconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {images / times.Order().ElementAt(2):0}"));
    }
}
