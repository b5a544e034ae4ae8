using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MapDsl.Fuzzing;

/// <summary>
/// What the per-input time bound measures: the calling thread's CPU time on Linux
/// (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), the wall clock elsewhere. On a machine shared
/// with other builds, wall time swings with the load (tenfold at a load of 30 on 2 cores) and would
/// flag ordinary inputs; CPU time grows only with the work the input causes, which is what a
/// pathological input (a quadratic recovery, say) shows.
/// </summary>
internal static class FuzzClock
{
    private const int ClockThreadCpuTime = 3; // Linux

    public static bool MeasuresCpuTime { get; } = OperatingSystem.IsLinux() && TryCpuTime(out _);

    public static TimeSpan Now() =>
        MeasuresCpuTime && TryCpuTime(out var time) ? time : Stopwatch.GetElapsedTime(0);

    private static bool TryCpuTime(out TimeSpan time)
    {
        time = default;
        if (ClockGetTime(ClockThreadCpuTime, out var spec) != 0)
        {
            return false;
        }

        time = TimeSpan.FromTicks((spec.Seconds * TimeSpan.TicksPerSecond) + (spec.Nanoseconds / 100));
        return true;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable SYSLIB1054, CA5392 // a plain libc call; LibraryImport would need unsafe code in these projects
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054, CA5392
}
