using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MapDsl.Runtime.Engine.Kernels;

namespace MapDsl.Runtime.Engine;

/// <summary>
/// The machine's measured single-precision FMA throughput: the ceiling a matrix product is judged against.
/// Measured rather than computed from a spec sheet because clocks, SMT siblings and virtual machines make
/// the nominal figure unreliable.
/// </summary>
public static class FmaPeak
{
    // Twelve independent chains: enough to keep two FMA pipes busy through a latency of up to six cycles.
    private const int Chains = 12;
    private const int StepsPerStretch = 1 << 16;
    private const double SecondsPerRun = 0.3;

    private static float _sink;

    /// <summary>
    /// Runs independent FMA chains in registers on <paramref name="threads"/> threads at once for about 0.3 s,
    /// with the vector width the matrix kernels use (512-bit with AVX-512, else 256-bit with FMA, else a
    /// 128-bit multiply and add), and returns the sum over threads of each one's median rate in GFLOP/s, one
    /// FMA counting as two operations.
    /// </summary>
    /// <param name="threads">Threads to run at once, at least 1.</param>
    /// <returns>Billions of floating-point operations per second, summed over the threads.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    public static double MeasureGflops(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var rates = new double[threads];
        using var start = new Barrier(threads);
        var workers = new Thread[threads];
        for (var t = 0; t < threads; t++)
        {
            var index = t;
            workers[t] = new Thread(() =>
            {
                start.SignalAndWait();
                rates[index] = MeasureThisThread();
            });
            workers[t].Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        return rates.Sum() / 1e9;
    }

    // Operations per second on the calling thread: the median over stretches of about a tenth of a
    // millisecond, so a stretch in which the thread was preempted does not drag the peak down.
    private static double MeasureThisThread()
    {
        var lanes = Avx512Kernel12x32.IsSupported ? Vector512<float>.Count : Avx2Kernel6x16.IsSupported ? Vector256<float>.Count : Vector128<float>.Count;
        var operationsPerStretch = StepsPerStretch * (double)Chains * lanes * 2;
        var rates = new List<double>(4096);
        var watch = Stopwatch.StartNew();
        float result = 0;
        while (watch.Elapsed.TotalSeconds < SecondsPerRun)
        {
            var start = watch.Elapsed.TotalSeconds;
            result += Avx512Kernel12x32.IsSupported ? Chains512(StepsPerStretch)
                : Avx2Kernel6x16.IsSupported ? Chains256(StepsPerStretch)
                : Chains128(StepsPerStretch);
            rates.Add(operationsPerStretch / (watch.Elapsed.TotalSeconds - start));
        }

        _sink = result; // keeps the chains alive
        rates.Sort();
        return rates[rates.Count / 2];
    }

    // x <- x * s + t converges to t / (1 - s) = 1, so values stay normal and finite however long it runs.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains512(int steps)
    {
        var s = Vector512.Create(0.999f);
        var t = Vector512.Create(0.001f);
        Vector512<float> x0 = default, x1 = default, x2 = default, x3 = default, x4 = default, x5 = default;
        Vector512<float> x6 = default, x7 = default, x8 = default, x9 = default, x10 = default, x11 = default;
        for (var i = 0; i < steps; i++)
        {
            x0 = Avx512F.FusedMultiplyAdd(x0, s, t);
            x1 = Avx512F.FusedMultiplyAdd(x1, s, t);
            x2 = Avx512F.FusedMultiplyAdd(x2, s, t);
            x3 = Avx512F.FusedMultiplyAdd(x3, s, t);
            x4 = Avx512F.FusedMultiplyAdd(x4, s, t);
            x5 = Avx512F.FusedMultiplyAdd(x5, s, t);
            x6 = Avx512F.FusedMultiplyAdd(x6, s, t);
            x7 = Avx512F.FusedMultiplyAdd(x7, s, t);
            x8 = Avx512F.FusedMultiplyAdd(x8, s, t);
            x9 = Avx512F.FusedMultiplyAdd(x9, s, t);
            x10 = Avx512F.FusedMultiplyAdd(x10, s, t);
            x11 = Avx512F.FusedMultiplyAdd(x11, s, t);
        }

        return Vector512.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains256(int steps)
    {
        var s = Vector256.Create(0.999f);
        var t = Vector256.Create(0.001f);
        Vector256<float> x0 = default, x1 = default, x2 = default, x3 = default, x4 = default, x5 = default;
        Vector256<float> x6 = default, x7 = default, x8 = default, x9 = default, x10 = default, x11 = default;
        for (var i = 0; i < steps; i++)
        {
            x0 = Fma.MultiplyAdd(x0, s, t);
            x1 = Fma.MultiplyAdd(x1, s, t);
            x2 = Fma.MultiplyAdd(x2, s, t);
            x3 = Fma.MultiplyAdd(x3, s, t);
            x4 = Fma.MultiplyAdd(x4, s, t);
            x5 = Fma.MultiplyAdd(x5, s, t);
            x6 = Fma.MultiplyAdd(x6, s, t);
            x7 = Fma.MultiplyAdd(x7, s, t);
            x8 = Fma.MultiplyAdd(x8, s, t);
            x9 = Fma.MultiplyAdd(x9, s, t);
            x10 = Fma.MultiplyAdd(x10, s, t);
            x11 = Fma.MultiplyAdd(x11, s, t);
        }

        return Vector256.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11);
    }

    // Without FMA a multiply and an add count as the same two operations.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains128(int steps)
    {
        var s = Vector128.Create(0.999f);
        var t = Vector128.Create(0.001f);
        Vector128<float> x0 = default, x1 = default, x2 = default, x3 = default, x4 = default, x5 = default;
        Vector128<float> x6 = default, x7 = default, x8 = default, x9 = default, x10 = default, x11 = default;
        for (var i = 0; i < steps; i++)
        {
            x0 = (x0 * s) + t;
            x1 = (x1 * s) + t;
            x2 = (x2 * s) + t;
            x3 = (x3 * s) + t;
            x4 = (x4 * s) + t;
            x5 = (x5 * s) + t;
            x6 = (x6 * s) + t;
            x7 = (x7 * s) + t;
            x8 = (x8 * s) + t;
            x9 = (x9 * s) + t;
            x10 = (x10 * s) + t;
            x11 = (x11 * s) + t;
        }

        return Vector128.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11);
    }
}
