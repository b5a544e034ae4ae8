using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MapDsl.Benchmarks;

/// <summary>
/// What the `campaign` bench times its phases with: the wall clock (<see cref="Stopwatch"/>), or with `--cpu-time`
/// the calling thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), which leaves out the time the
/// thread waits for a core: on a machine shared with other builds it compares phases and versions where wall times
/// swing by 2-3x between runs. It still counts the caches and memory bandwidth the other processes take.
/// </summary>
internal static class PhaseClock
{
    private const int ClockThreadCpuTime = 3; // Linux

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

        if (ClockGetTime(ClockThreadCpuTime, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable SYSLIB1054, CA5392 // a plain libc call; LibraryImport would need unsafe code in this project
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054, CA5392
}
