using System.Diagnostics;
using MapDsl.Runtime.Engine;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;

namespace MapDsl.Benchmarks;

/// <summary>
/// `campaign`: the peer workload. One 1024 x 1024 dense layer on two-column pairs of 128 x 128 tiles, a batch of
/// 256 inputs, and for each stuck-at rate (half stuck-on, half stuck-off) as many chips as fit in ~2 s, one
/// <see cref="CampaignTrial"/> each. Then the crossover of <see cref="FaultyDense"/>'s two paths, which is where
/// its default sparse limit comes from.
/// </summary>
internal static class CampaignBench
{
    private static readonly double[] DefaultRates = [0.001, 0.01, 0.1];

    /// <summary>Runs the campaign table, then the crossover.</summary>
    /// <param name="rates">Cell rates (0.001 = 0.1%) to run, null for 0.1%, 1% and 10%; one rate is enough to profile it.</param>
    /// <param name="workerCount">Trial streams side by side, null for one per core; 1 gives the phases' times on a core of its own.</param>
    /// <param name="injected">Run the trials through an injected fault map (<see cref="CampaignTrial.RunInjected"/>) instead of straight from the draws.</param>
    /// <param name="cpuTime">Time the phases in thread CPU time (<see cref="PhaseClock"/>), Linux only.</param>
    public static void Run(double[]? rates = null, int? workerCount = null, bool injected = false, bool cpuTime = false)
    {
        if (cpuTime && !OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("--cpu-time reads clock_gettime(CLOCK_THREAD_CPUTIME_ID), which this bench calls on Linux only.");
        }

        PhaseClock.ThreadCpuTime = cpuTime;
        // Chips are independent, so the campaign runs one trial per core at a time, each worker with its own chip
        // state and buffers, and each product on its worker's thread only (threads inside a product would only
        // compete with the other workers). Two streams give 1.9-2x the trials/s of one (`--workers 1`), which is all
        // that splitting each trial over both cores could reach, and that would need every phase split, not only
        // the product.
        var workers = workerCount ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1, nameof(workerCount));
        var weights = RandomWeights.Dense1024();
        var trials = Enumerable.Range(0, workers).Select(_ => new CampaignTrial(weights, CampaignTrial.RandomInput(4))).ToArray();
        var parallelism = Gemm.Parallelism;
        Gemm.Parallelism = 1;
        Console.WriteLine($"peer workload: dense {CampaignTrial.Width}x{CampaignTrial.Width}, two-column on 128x128 tiles, batch {CampaignTrial.Batch}, {workers} workers; "
                          + (injected
                              ? "a trial = sample a fault map + inject + changed weights + restore + forward"
                              : "a trial = sample the changed weights straight from the draws (no map, no inject, no restore) + forward")
                          + $" (sparse below {trials[0].SparseLimit} changes)");
        Console.WriteLine($"{"rate",6} {"trials",7} {"trials/s",9} {"changed w",10} {"path",12} {"sample",8} {"inject",8} {"changes",8} {"forward",8} {"restore",8}  (mean ms per trial and worker{(cpuTime ? ", thread CPU time" : "")})");
        var perRate = new List<(double Rate, double PerSecond)>();
        try
        {
            foreach (var rate in rates ?? DefaultRates)
            {
                var (perSecond, times) = Measure(trials, new FaultRates(rate / 2, rate / 2, 0, 0), injected);
                perRate.Add((rate, perSecond));

                var path = times.SparseTrials == times.Trials ? "sparse" : times.SparseTrials == 0 ? "dense" : $"{times.SparseTrials} sparse";
                Console.WriteLine($"{rate * 100,5:0.#}% {times.Trials,7} {perSecond,9:0.0} {times.ChangedWeights / (double)times.Trials,10:0} {path,12} "
                                  + $"{Ms(times.Sample, times)} {Ms(times.Inject, times)} {Ms(times.Changes, times)} {Ms(times.Forward, times)} {Ms(times.Restore, times)}");
            }

            if (rates is null)
            {
                Crossover(trials[0].CleanWeights); // not when profiling chosen rates
            }
        }
        finally
        {
            Gemm.Parallelism = parallelism;
        }

        foreach (var (rate, perSecond) in perRate)
        {
            Console.WriteLine($"peer workload trials/s at {rate * 100:0.###}%: {perSecond:0.0}");
        }
    }

    // Every worker takes the next chip number until ~2 s have passed; trials/s counts all workers' trials.
    private static (double PerSecond, CampaignTrial.PhaseTimes Times) Measure(CampaignTrial[] trials, FaultRates rates, bool injected)
    {
        foreach (var trial in trials)
        {
            for (ulong chip = 1; chip <= 3; chip++)
            {
                Run(trial, rates, chip, null, injected); // JIT and tiering
            }
        }

        var times = trials.Select(_ => new CampaignTrial.PhaseTimes()).ToArray();
        long next = 0;
        var watch = Stopwatch.StartNew();
        Parallel.For(0, trials.Length, new ParallelOptions { MaxDegreeOfParallelism = trials.Length }, worker =>
        {
            while (watch.Elapsed.TotalSeconds < 2.0 || times[worker].Trials < 3)
            {
                Run(trials[worker], rates, (ulong)Interlocked.Increment(ref next), times[worker], injected);
            }
        });
        var elapsed = watch.Elapsed.TotalSeconds;
        var total = new CampaignTrial.PhaseTimes();
        foreach (var part in times)
        {
            total.Add(part);
        }

        return (total.Trials / elapsed, total);
    }

    private static DensePath Run(CampaignTrial trial, FaultRates rates, ulong chip, CampaignTrial.PhaseTimes? times, bool injected) =>
        injected ? trial.RunInjected(rates, chip, times) : trial.Run(rates, chip, times);

    // A phase the path does not have (inject, changes and restore of the fused path) prints as "-".
    private static string Ms(long ticks, CampaignTrial.PhaseTimes times) =>
        ticks == 0 ? $"{"-",8}" : $"{ticks * 1000.0 / PhaseClock.Frequency / times.Trials,8:0.000}";

    // The forward pass alone on both paths, for random changes of a growing share of the weights, on one thread as in
    // a trial (the other core idle, caches warm: a trial's own numbers are the ones above).
    private static void Crossover(float[] clean)
    {
        var input = CampaignTrial.RandomInput(5);
        var bias = new float[CampaignTrial.Width];
        var sparse = new FaultyDense(clean, bias, input, CampaignTrial.Batch, CampaignTrial.Width, CampaignTrial.Width, sparseLimit: int.MaxValue);
        var dense = new FaultyDense(clean, bias, input, CampaignTrial.Batch, CampaignTrial.Width, CampaignTrial.Width, sparseLimit: 0);
        var output = new float[CampaignTrial.Width * CampaignTrial.Batch];
        Console.WriteLine();
        Console.WriteLine("forward pass alone, by share of changed weights (median ms): where the sparse correction stops paying");
        Console.WriteLine($"{"changed",8} {"sparse",8} {"dense",8}");
        foreach (var share in new[] { 0.01, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5 })
        {
            var changes = RandomChanges(clean.Length, share);
            var s = Timing.Median(() => sparse.Evaluate(changes, output), 0.3);
            var d = Timing.Median(() => dense.Evaluate(changes, output), 0.3);
            Console.WriteLine($"{share * 100,7:0}% {s.TotalMilliseconds,8:0.000} {d.TotalMilliseconds,8:0.000}");
        }
    }

    private static WeightChanges RandomChanges(int weights, double share)
    {
        var random = new Random(6);
        var changes = new WeightChanges();
        for (var i = 0; i < weights; i++)
        {
            if (random.NextDouble() < share)
            {
                changes.Add(i, (float)(random.NextDouble() - 0.5));
            }
        }

        return changes;
    }
}
