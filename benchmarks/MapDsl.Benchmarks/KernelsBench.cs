using MapDsl.Runtime.Engine;

namespace MapDsl.Benchmarks;

/// <summary>
/// `kernels`: the measured FMA peak of the machine, then the GEMM's GFLOP/s and share of that peak at
/// 512 x 512 x 512 and at the products LeNet-5 and the 784-256-10 MLP run in batched inference (batch 256;
/// convolutions as im2col products, one row per output pixel). Last line:
/// `matmul 512x512x512: &lt;x&gt;% of measured peak` (all threads).
/// </summary>
/// <remarks>
/// On a shared or virtual machine the peak itself moves (a neighbour, two virtual cores landing on one
/// physical core), so the peak is the best of three runs, and the last line is the median of five rounds
/// that each measure the peak and the 512 product back to back: a ratio of two numbers taken under the
/// same conditions.
/// </remarks>
internal static class KernelsBench
{
    private const int Batch = 256;
    private const int Rounds = 5;

    private static readonly Shape[] Shapes =
    [
        new("square 512", 512, 512, 512),
        new("LeNet conv1 (im2col)", Batch * 28 * 28, 6, 25),
        new("LeNet conv2 (im2col)", Batch * 10 * 10, 16, 150),
        new("LeNet f1", Batch, 120, 400),
        new("LeNet f2", Batch, 84, 120),
        new("LeNet f3", Batch, 10, 84),
        new("MLP hidden", Batch, 256, 784),
        new("MLP out", Batch, 10, 256),

        // Not asked for: the same convolutions as weights times columns (C^T = W * cols^T), the orientation
        // that gives the output channel-major and suits the wide kernel.
        new("LeNet conv1 as W*cols", 6, Batch * 28 * 28, 25),
        new("LeNet conv2 as W*cols", 16, Batch * 10 * 10, 150),
    ];

    public static void Run()
    {
        var threads = Environment.ProcessorCount;
        var peakOne = BestPeak(1);
        var peakAll = BestPeak(threads);
        Console.WriteLine($"GEMM kernels: {string.Join(", ", GemmKernels.Family.ToArray())}; all threads = {threads}");
        Console.WriteLine($"measured FMA peak (best of 3 x 0.3 s): {peakOne:0.0} GFLOP/s on 1 thread, {peakAll:0.0} GFLOP/s on {threads} threads");
        Console.WriteLine();
        Console.WriteLine($"{"C = A B, A m x k, B k x n",-22} {"m",7} {"n",6} {"k",4} {"kernel",-19} {"1 thread",9} {"% peak",7} {"all",9} {"% peak",7} {"time (all)",11}");
        foreach (var shape in Shapes)
        {
            var one = Measure(shape, 1);
            var all = Measure(shape, threads);
            Console.WriteLine(
                $"{shape.Name,-22} {shape.M,7} {shape.N,6} {shape.K,4} {GemmKernels.Choose(shape.M, shape.N),-19} " +
                $"{one.Gflops,9:0.0} {one.Gflops / peakOne * 100,6:0.0}% {all.Gflops,9:0.0} {all.Gflops / peakAll * 100,6:0.0}% {Timing.Format(all.Time),11}");
        }

        Console.WriteLine("(GFLOP/s = 2mnk / median time; % of the best peak above)");
        ReportAllocation();
        NetworkThroughput();
        Console.WriteLine($"matmul 512x512x512: {SquareShareOfPeak(threads):0.0}% of measured peak");
    }

    /// <summary>
    /// Images per second of the generated models (LeNet-5 of lenet5.xmap, the 784-256-10 MLP of mlp.xmap) in
    /// batched inference, batch 256, on the shipped Fashion-MNIST test images, with seeded random weights
    /// (the values do not change the cost).
    /// </summary>
    private static void NetworkThroughput()
    {
        const int Batch = 256;
        var images = MapDsl.Runtime.Data.Datasets.FashionTest().Take(Batch).Pixels;
        var lenet = new Lab.LeNet.LeNet5.Model(Batch);
        var lenetWeights = RandomWeights.LeNet5();
        var mlp = new Lab.Mlp.Mlp.Model(Batch);
        var mlpWeights = RandomWeights.Mlp();
        var lenetTime = Timing.Median(() => lenet.Forward(images, Batch, lenetWeights), 1.0);
        var mlpTime = Timing.Median(() => mlp.Forward(images, Batch, mlpWeights), 1.0);
        Console.WriteLine();
        Console.WriteLine($"generated LeNet5.Model.Forward, batch {Batch}: {Timing.Format(lenetTime)} = {Batch / lenetTime.TotalSeconds:N0} images/s");
        Console.WriteLine($"generated Mlp.Model.Forward, batch {Batch}:    {Timing.Format(mlpTime)} = {Batch / mlpTime.TotalSeconds:N0} images/s");
    }

    private static double BestPeak(int threads) => Enumerable.Range(0, 3).Max(_ => FmaPeak.MeasureGflops(threads));

    // Each round: the all-threads peak, then the 512 product, then their ratio; the median ratio.
    private static double SquareShareOfPeak(int threads)
    {
        var shares = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var peak = FmaPeak.MeasureGflops(threads);
            shares.Add(Measure(Shapes[0], threads, budgetSeconds: 0.3).Gflops / peak * 100);
        }

        Console.WriteLine($"512x512x512 on {threads} threads, % of the peak measured just before, {Rounds} rounds: {string.Join(", ", shares.Select(s => $"{s:0.0}"))}");
        shares.Sort();
        return shares[Rounds / 2];
    }

    private static (double Gflops, TimeSpan Time) Measure(Shape shape, int threads, double budgetSeconds = 0.4)
    {
        var a = Random(shape.M * shape.K, 1);
        var b = Random(shape.K * shape.N, 2);
        var c = new float[shape.M * shape.N];
        var time = Timing.Median(() => Gemm.Multiply(a, b, c, shape.M, shape.N, shape.K, accumulate: false, threads), budgetSeconds);
        return (2.0 * shape.M * shape.N * shape.K / time.TotalSeconds / 1e9, time);
    }

    // The steady state must not allocate: packing buffers, workers and the dispatch job are reused.
    private static void ReportAllocation()
    {
        var a = Random(512 * 512, 1);
        var b = Random(512 * 512, 2);
        var c = new float[512 * 512];
        Gemm.Multiply(a, b, c, 512, 512, 512);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < 20; i++)
        {
            Gemm.Multiply(a, b, c, 512, 512, 512);
        }

        var perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / 20.0;
        Console.WriteLine($"allocated per 512x512x512 product after the first (all threads): {perCall:0} bytes");
    }

    private static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }

    private sealed record Shape(string Name, int M, int N, int K);
}
