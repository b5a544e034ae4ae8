using System.Diagnostics;

namespace MapDsl.Fuzzing;

/// <summary>How a fuzz run goes: which inputs, on how many threads, how many valid ones to compile, and the time bounds.</summary>
/// <param name="PerInputBound">An input slower than this counts as slow (reported, with the slowest).</param>
/// <param name="HangBound">An input still running after this is a crash (a hang); the run stops there.</param>
internal sealed record FuzzOptions(ulong Seed, long Count, int Workers, int CompileSample, TimeSpan PerInputBound, TimeSpan HangBound)
{
    /// <summary>Called now and then from a worker with the number of inputs done so far.</summary>
    public Action<long>? Progress { get; init; }

    /// <summary>When set, no input starts after this much time (the report counts the inputs that ran).</summary>
    public TimeSpan? TimeLimit { get; init; }
}

/// <summary>
/// Runs inputs 0 .. Count-1 of a seed through <see cref="FuzzCheck"/> on several threads, then
/// compiles an evenly spaced sample of the valid ones, and one of those with errors that got stand-ins. Inputs depend on (seed, index) only, and the
/// sample on the sorted valid indexes, so the report's counts do not depend on thread timing.
/// </summary>
internal static class FuzzRunner
{
    private const int KeptFailures = 20;

    public static FuzzReport Run(FuzzOptions options, IReadOnlyList<FuzzFile> corpus)
    {
        var inputs = new FuzzInputs(options.Seed, corpus);
        var clock = Stopwatch.StartNew();
        var next = -1L;
        var done = 0L;
        var workers = Enumerable.Range(0, options.Workers).Select(_ => new Worker()).ToArray();
        var threads = workers.Select(worker => new Thread(() =>
        {
            for (long i; (i = Interlocked.Increment(ref next)) < options.Count && !worker.Stop;)
            {
                if (clock.Elapsed > options.TimeLimit)
                {
                    break;
                }

                var input = inputs.At(i);
                Volatile.Write(ref worker.RunningSince, Stopwatch.GetTimestamp());
                worker.Running = input;
                worker.Add(input, FuzzCheck.Run(input), options.PerInputBound);
                Volatile.Write(ref worker.RunningSince, 0);
                if (Interlocked.Increment(ref done) % 10_000 == 0)
                {
                    options.Progress?.Invoke(done);
                }
            }
        }) { IsBackground = true, Name = "fuzz worker" }).ToList();
        threads.ForEach(t => t.Start());

        var report = new FuzzReport();
        var hung = Watch(threads, workers, options.HangBound);
        clock.Stop();
        Merge(report, workers, hung);
        report.Elapsed = clock.Elapsed;
        if (hung is null)
        {
            report.Compiled = Compile(report, inputs, workers.SelectMany(w => w.ValidIndexes).Order().ToList(), options);
            report.CompiledWithErrors = Compile(report, inputs, workers.SelectMany(w => w.StandInIndexes).Order().ToList(), options);
        }

        return report;
    }

    // Waits for the workers; returns the input of one that ran longer than the bound (then the others are told to stop).
    private static (FuzzInput Input, TimeSpan Time)? Watch(List<Thread> threads, Worker[] workers, TimeSpan bound)
    {
        while (threads.Any(t => t.IsAlive))
        {
            threads.First(t => t.IsAlive).Join(TimeSpan.FromMilliseconds(100));
            foreach (var worker in workers)
            {
                var since = Volatile.Read(ref worker.RunningSince);
                if (since != 0 && Stopwatch.GetElapsedTime(since) > bound && worker.Running is { } input)
                {
                    Array.ForEach(workers, w => w.Stop = true);
                    return (input, Stopwatch.GetElapsedTime(since));
                }
            }
        }

        return null;
    }

    private static void Merge(FuzzReport report, Worker[] workers, (FuzzInput Input, TimeSpan Time)? hung)
    {
        foreach (var w in workers)
        {
            report.Inputs += w.Generated + w.Mutated;
            report.Generated += w.Generated;
            report.Mutated += w.Mutated;
            report.Valid += w.Valid;
            report.Clean += w.Clean;
            report.CleanValid += w.CleanValid;
            report.WithDiagnostics += w.WithDiagnostics;
            report.CrashCount += w.Crashes.Count;
            report.Slow += w.Slow;
            if (w.Slowest.Time > report.Slowest.Time)
            {
                report.Slowest = w.Slowest;
            }
        }

        report.Crashes.AddRange(workers.SelectMany(w => w.Crashes).OrderBy(c => c.Input.Index).Take(KeptFailures));
        if (hung is { } h)
        {
            report.CrashCount++;
            report.Crashes.Insert(0, (h.Input, $"hang: still running after {h.Time.TotalSeconds:0.0} s"));
        }
    }

    // Compiles an evenly spaced sample of the inputs at the given indexes; returns how many were compiled.
    private static int Compile(FuzzReport report, FuzzInputs inputs, List<long> indexes, FuzzOptions options)
    {
        var count = Math.Min(options.CompileSample, indexes.Count);
        var sample = Enumerable.Range(0, count).Select(k => indexes[(int)((long)k * indexes.Count / count)]).ToList();
        var failures = new List<(FuzzInput, string)>[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.Workers }, k =>
        {
            var input = inputs.At(sample[k]);
            var errors = GeneratedCodeCompiler.Errors(FuzzCheck.Run(input).Sources);
            failures[k] = errors.Count == 0 ? [] : [(input, string.Join("\n", errors.Take(10)))];
        });
        report.CompileFailures.AddRange(failures.SelectMany(f => f).Take(KeptFailures - report.CompileFailures.Count));
        return count;
    }

    private sealed class Worker
    {
        public long RunningSince;
        public volatile FuzzInput? Running;
        public volatile bool Stop;

        public long Generated { get; private set; }

        public long Mutated { get; private set; }

        public long Valid { get; private set; }

        public long Clean { get; private set; }

        public long CleanValid { get; private set; }

        public long WithDiagnostics { get; private set; }

        public long Slow { get; private set; }

        public (long Index, TimeSpan Time, int Length) Slowest { get; private set; }

        public List<long> ValidIndexes { get; } = [];

        /// <summary>Inputs with errors whose generated code includes stand-ins: it must compile too.</summary>
        public List<long> StandInIndexes { get; } = [];

        // Crashes are all counted, but only the first few are kept with their input.
        public List<(FuzzInput Input, string Failure)> Crashes { get; } = [];

        public void Add(FuzzInput input, FuzzResult result, TimeSpan bound)
        {
            if (input.Kind == FuzzInputKind.Generated)
            {
                Generated++;
            }
            else
            {
                Mutated++;
            }

            if (result.Failure is not null)
            {
                Crashes.Add((Crashes.Count < KeptFailures ? input : input with { Files = [] }, result.Failure));
            }

            var clean = FuzzInputs.IsClean(input.Index);
            Clean += clean ? 1 : 0;
            CleanValid += clean && result.IsValid ? 1 : 0;
            WithDiagnostics += result.Diagnostics > 0 ? 1 : 0;
            if (result.IsValid)
            {
                Valid++;
                ValidIndexes.Add(input.Index);
            }
            else if (result.Failure is null && result.StandIns > 0)
            {
                StandInIndexes.Add(input.Index);
            }

            Slow += result.Elapsed > bound ? 1 : 0;
            if (result.Elapsed > Slowest.Time)
            {
                Slowest = (input.Index, result.Elapsed, input.Length);
            }
        }
    }
}
