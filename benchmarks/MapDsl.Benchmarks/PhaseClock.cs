using System.Diagnostics;
using MapDsl.Fuzzing;

namespace MapDsl.Benchmarks;

/// <summary>
/// What the `campaign` bench times its phases with: the wall clock (<see cref="Stopwatch"/>), or with `--cpu-time`
/// the calling thread's CPU time (<see cref="ThreadCpuClock"/>), which leaves out the time the thread waits for a core:
/// on a machine shared with other builds it compares phases and versions where wall times swing by 2-3x between runs.
/// It still counts the caches and memory bandwidth the other processes take.
/// </summary>
internal static class PhaseClock
{
    /// <summary>Whether <see cref="Now"/> reads thread CPU time (set once, before timing).</summary>
    public static bool ThreadCpuTime { get; set; }

    /// <summary>Ticks per second of <see cref="Now"/>.</summary>
    public static long Frequency => ThreadCpuTime ? 1_000_000_000L : Stopwatch.Frequency;

    /// <summary>The current time in <see cref="Frequency"/> ticks.</summary>
    public static long Now()
    {
        if (!ThreadCpuTime)
        {
            return Stopwatch.GetTimestamp();
        }

        return ThreadCpuClock.TryNow(out var nanoseconds)
            ? nanoseconds
            : throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: --cpu-time needs Linux.");
    }
}
