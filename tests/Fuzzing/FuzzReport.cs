namespace MapDsl.Fuzzing;

/// <summary>The counts of a fuzz run and what went wrong, worst first.</summary>
internal sealed class FuzzReport
{
    public long Inputs { get; set; }

    public long Generated { get; set; }

    public long Mutated { get; set; }

    /// <summary>Inputs that bound without errors (warnings allowed).</summary>
    public long Valid { get; set; }

    /// <summary>Grammar programs written without noise, and how many of them bound without errors.</summary>
    public long Clean { get; set; }

    public long CleanValid { get; set; }

    public long WithDiagnostics { get; set; }

    /// <summary>Inputs that broke the property (threw, or gave a diagnostic outside its text, ...): must be 0.</summary>
    public long CrashCount { get; set; }

    /// <summary>The first few crashes, by index.</summary>
    public List<(FuzzInput Input, string Failure)> Crashes { get; } = [];

    /// <summary>Valid inputs whose generated code was compiled, and those that did not compile: must be 0.</summary>
    public int Compiled { get; set; }

    /// <summary>Inputs with errors whose generated code (stand-ins included) was compiled; failures are in <see cref="CompileFailures"/>.</summary>
    public int CompiledWithErrors { get; set; }

    public List<(FuzzInput Input, string Errors)> CompileFailures { get; } = [];

    /// <summary>Inputs over the per-input time bound, and the slowest input of all.</summary>
    public long Slow { get; set; }

    public (long Index, TimeSpan Time, int Length) Slowest { get; set; }

    public TimeSpan Elapsed { get; set; }

    public double InputsPerSecond => Inputs / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
