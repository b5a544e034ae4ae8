using MapDsl.Runtime.Engine;

namespace MapDsl.Runtime.Tests.Engine;

/// <summary>After a thread's first product, later ones allocate nothing and the peak is measurable.</summary>
public sealed class GemmSteadyStateTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Repeated_products_allocate_nothing_on_the_calling_thread(int threads)
    {
        var (m, n, k) = (129, 257, 63);
        var a = new float[m * k];
        var b = new float[k * n];
        var c = new float[m * n];
        Gemm.Multiply(a, b, c, m, n, k, false, threads);
        Gemm.MultiplyTransposedA(a, b, c, m, n, k, false, threads);
        Gemm.MultiplyTransposedB(a, b, c, m, n, k, false, threads);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 3; i++)
        {
            Gemm.Multiply(a, b, c, m, n, k, false, threads);
            Gemm.MultiplyTransposedA(a, b, c, m, n, k, false, threads);
            Gemm.MultiplyTransposedB(a, b, c, m, n, k, true, threads);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    [Fact]
    public void The_fma_peak_is_a_positive_rate()
    {
        FmaPeak.MeasureGflops(1).ShouldBeGreaterThan(0.1);
    }
}
