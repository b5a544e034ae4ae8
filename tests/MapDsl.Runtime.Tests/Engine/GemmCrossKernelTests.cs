using MapDsl.Runtime.Engine;

namespace MapDsl.Runtime.Tests.Engine;

/// <summary>
/// Whether results are the same on machines with different instruction sets: every fused multiply-add kernel must give
/// the same bits as every other, because each output element is accumulated over k in the same order with one
/// rounding per step. The portable kernel (multiply, then add: two roundings) is the documented exception.
/// </summary>
public sealed class GemmCrossKernelTests
{
    [Fact]
    public void Every_fma_kernel_gives_the_same_bits()
    {
        var fmaKernels = GemmCases.SupportedKernels.Where(k => k != GemmKernel.Portable4x8).ToList();
        fmaKernels.Count.ShouldBeGreaterThan(1, "CI machines have AVX2 (three FMA kernels); without them there is nothing to compare");
        var random = new Random(5);
        foreach (var (m, n, k) in new[] { (37, 53, 300), (256, 120, 400), (6, 1024, 1024), (1000, 16, 150) })
        {
            var a = GemmCases.Random(random, m * k);
            var b = GemmCases.Random(random, k * n);
            var c = new float[m * n];
            foreach (var layout in Enum.GetValues<GemmLayout>())
            {
                var reference = GemmCases.Run(layout, fmaKernels[0], a, b, c, m, n, k, accumulate: false, threads: 1);
                foreach (var kernel in fmaKernels.Skip(1))
                {
                    var result = GemmCases.Run(layout, kernel, a, b, c, m, n, k, accumulate: false, threads: 2);
                    result.Select(BitConverter.SingleToInt32Bits).ShouldBe(reference.Select(BitConverter.SingleToInt32Bits), $"{kernel} vs {fmaKernels[0]}, {layout} {m}x{n}x{k}");
                }
            }
        }
    }
}
