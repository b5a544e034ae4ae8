using System.Runtime.InteropServices;

namespace MapDsl.Fuzzing;

/// <summary>
/// The calling thread's CPU time, from Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>: time the thread ran, not
/// time it waited for a core, so it does not swing with what else the machine runs. Shared by the fuzzer's time bound
/// (<see cref="FuzzClock"/>) and the bench's phase timings (benchmarks links this folder).
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTime = 3; // Linux

    /// <summary>The thread's CPU time in nanoseconds; false where the clock is not available (not Linux).</summary>
    public static bool TryNow(out long nanoseconds)
    {
        nanoseconds = 0;
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockThreadCpuTime, out var spec) != 0)
        {
            return false;
        }

        nanoseconds = (spec.Seconds * 1_000_000_000L) + spec.Nanoseconds;
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
