using System.Diagnostics;

namespace MapDsl.Fuzzing;

/// <summary>
/// What the per-input time bound measures: the calling thread's CPU time on Linux
/// (<see cref="ThreadCpuClock"/>), the wall clock elsewhere. On a machine shared with other builds,
/// wall time swings with the load (tenfold at a load of 30 on 2 cores) and would flag ordinary
/// inputs; CPU time grows only with the work the input causes, which is what a pathological input
/// (a quadratic recovery, say) shows.
/// </summary>
internal static class FuzzClock
{
    public static bool MeasuresCpuTime { get; } = ThreadCpuClock.TryNow(out _);

    public static TimeSpan Now() =>
        MeasuresCpuTime && ThreadCpuClock.TryNow(out var nanoseconds) ? TimeSpan.FromTicks(nanoseconds / 100) : Stopwatch.GetElapsedTime(0);
}
