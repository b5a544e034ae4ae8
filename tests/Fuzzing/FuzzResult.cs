namespace MapDsl.Fuzzing;

/// <summary>
/// What one input did to the pipeline: its diagnostics (errors among them), the generated sources,
/// how long parse + bind + emit took (<see cref="FuzzClock"/>), and the broken property if any (<see cref="Failure"/>: an
/// exception, a diagnostic outside its text, an unusable hint name).
/// </summary>
internal sealed record FuzzResult(int Diagnostics, int Errors, IReadOnlyList<(string HintName, string Source)> Sources, TimeSpan Elapsed, string? Failure)
{
    /// <summary>How many of the sources are stand-ins of declarations with errors.</summary>
    public int StandIns { get; init; }

    /// <summary>Bound without errors (warnings allowed): the generator writes code for every declaration.</summary>
    public bool IsValid => Failure is null && Errors == 0;
}
