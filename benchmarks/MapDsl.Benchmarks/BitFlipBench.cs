using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Faults;

namespace MapDsl.Benchmarks;

/// <summary>
/// Part of `faults`: bit-flip trials the way a campaign runs them, through the trial worker of
/// <see cref="MappingEvaluation{TWeights}"/>, on mlp.xmap's Q8 (784-256-10 on offset tiles, 8-bit codes) with
/// seeded random weights and 256 random images. A trial samples a chip's flipped code bits at one per-bit rate,
/// finds the weights they change and counts correct images with the incremental evaluator; every trial is a new chip.
/// </summary>
internal static class BitFlipBench
{
    private const int Images = 256;
    private static readonly double[] Rates = [0.0001, 0.001, 0.01];

    /// <summary>Prints one line per rate, <c>bit-flip trials/s at r%: x</c>.</summary>
    public static void Run()
    {
        var evaluation = new MappingEvaluation<Lab.Mlp.Mlp.Weights>(Lab.Mlp.Q8.Instance, RandomWeights.Mlp(), RandomImages());
        var worker = evaluation.CreateWorker();
        var configuration = CampaignConfiguration.Of(Lab.Mlp.Q8.Instance);
        Console.WriteLine();
        Console.WriteLine($"bit-flip trials of mlp.xmap Q8 (offset, 8-bit codes, {Lab.Mlp.Q8.Shape.Layers.Sum(l => l.BitCount)} bits), {Images} images, one worker");
        var chip = 0;
        foreach (var rate in Rates)
        {
            var rates = new FaultRates(0, 0, rate, 0);
            var flips = Lab.Mlp.Q8.SampleFaults(rates, 1).BitFlipCount;
            var trial = Timing.Median(() => worker.Evaluate(new Trial(configuration, rates, ++chip)), 1.0);
            Console.WriteLine($"bit-flip trials/s at {rate * 100:0.###}%: {1 / trial.TotalSeconds:0.0} ({flips} flips, {Timing.Format(trial)} per trial)");
        }
    }

    private static ImageSet RandomImages()
    {
        var random = new Random(4);
        var pixels = new float[Images * 28 * 28];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)random.NextDouble();
        }

        var labels = new byte[Images];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = (byte)random.Next(10);
        }

        return new ImageSet(pixels, labels, 28, 28, "random");
    }
}
