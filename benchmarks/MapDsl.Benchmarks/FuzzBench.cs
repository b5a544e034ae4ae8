using MapDsl.Fuzzing;

namespace MapDsl.Benchmarks;

/// <summary>
/// `fuzz`: the generator tests' fuzzer at length. Inputs 0 .. count-1 of a seed (half programs from
/// the grammar, half mutated shipped files) through parse, bind, emit and the analyzer's diagnostic
/// path on every core, then the generated code of an evenly spaced sample of the valid ones
/// compiled against the runtime. Prints inputs/s, the counts, the slowest input and every failure
/// with the input that caused it; exits with 1 if anything crashed, hung, ran over the bound or did
/// not compile. With a time limit the run stops taking inputs after that long and says how many it ran.
/// </summary>
internal static class FuzzBench
{
    public static int Run(long count, ulong seed, int workers, int compile, double maxMilliseconds, double? minutes)
    {
        var corpus = FuzzCorpus.Load();
        var options = new FuzzOptions(seed, count, workers, compile, TimeSpan.FromMilliseconds(maxMilliseconds), TimeSpan.FromSeconds(60))
        {
            Progress = done => Console.Error.Write($"\r  {done:N0} / {count:N0}"),
            TimeLimit = minutes is { } m ? TimeSpan.FromMinutes(m) : null,
        };
        var clock = FuzzClock.MeasuresCpuTime ? "thread CPU time" : "wall time";
        var limit = minutes is { } limitMinutes ? $", stopping after {limitMinutes} min" : "";
        Console.WriteLine($"fuzz: {count:N0} inputs from seed {seed} on {workers} workers ({corpus.Count} shipped files to mutate){limit}; per-input bound {maxMilliseconds} ms of {clock}");
        var report = FuzzRunner.Run(options, corpus);
        Console.Error.WriteLine();

        Console.WriteLine($"  inputs                 {report.Inputs,12:N0}   in {report.Elapsed.TotalSeconds:0.0} s, {report.InputsPerSecond:N0} inputs/s");
        Console.WriteLine($"  generated (grammar)    {report.Generated,12:N0}   of which {report.Clean:N0} without noise, {report.CleanValid:N0} of those valid");
        Console.WriteLine($"  mutated (bytes)        {report.Mutated,12:N0}");
        Console.WriteLine($"  valid (no errors)      {report.Valid,12:N0}");
        Console.WriteLine($"  with diagnostics       {report.WithDiagnostics,12:N0}");
        Console.WriteLine($"  crashes                {report.CrashCount,12:N0}");
        Console.WriteLine($"  compiled (valid)       {report.Compiled,12:N0}");
        Console.WriteLine($"  compiled (stand-ins)   {report.CompiledWithErrors,12:N0}   failed to compile: {report.CompileFailures.Count}");
        Console.WriteLine($"  over {maxMilliseconds} ms            {report.Slow,12:N0}");
        Console.WriteLine($"  slowest input          {report.Slowest.Time.TotalMilliseconds,12:0.0} ms (index {report.Slowest.Index}, {report.Slowest.Length:N0} chars)");

        foreach (var (input, failure) in report.Crashes)
        {
            Console.WriteLine($"\nCRASH {failure}\n{input.Describe()}");
        }

        foreach (var (input, errors) in report.CompileFailures)
        {
            Console.WriteLine($"\nGENERATED CODE DOES NOT COMPILE\n{errors}\n{input.Describe()}");
        }

        return report.CrashCount == 0 && report.CompileFailures.Count == 0 && report.Slow == 0 ? 0 : 1;
    }
}
