using System.Diagnostics;

namespace MapDsl.Benchmarks;

/// <summary>
/// A small, honest timer: warms the action up, then runs batches until a time budget is spent
/// and reports the median time per call over the batches (robust to a noisy neighbour).
/// </summary>
internal static class Timing
{
    public static TimeSpan Median(Action action, double budgetSeconds = 2.0)
    {
        for (var i = 0; i < 3; i++)
        {
            action(); // JIT and tiering
        }

        var batch = CalibrateBatch(action);
        var samples = new List<double>();
        var total = System.Diagnostics.Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < budgetSeconds || samples.Count < 5)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < batch; i++)
            {
                action();
            }

            samples.Add(watch.Elapsed.TotalSeconds / batch);
        }

        samples.Sort();
        return TimeSpan.FromSeconds(samples[samples.Count / 2]);
    }

    // Enough calls per batch that one batch takes about 20 ms, so timer resolution does not matter.
    private static int CalibrateBatch(Action action)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        action();
        var once = Math.Max(watch.Elapsed.TotalSeconds, 1e-7);
        return (int)Math.Clamp(0.02 / once, 1, 1_000_000);
    }

    public static string Format(TimeSpan time) => time.TotalMilliseconds >= 1
        ? $"{time.TotalMilliseconds:0.000} ms"
        : $"{time.TotalMicroseconds:0.0} us";
}
