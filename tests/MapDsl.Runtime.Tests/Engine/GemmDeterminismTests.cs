using MapDsl.Runtime.Engine;

namespace MapDsl.Runtime.Tests.Engine;

/// <summary>Same shapes, same bits: from run to run and whatever the thread count.</summary>
public sealed class GemmDeterminismTests
{
    // Each just large enough to be split (m*n*k over the threshold): along m, along n, across two slices
    // of k, and transposed (few columns).
    private static readonly (int M, int N, int K)[] SplitShapes = [(100, 70, 40), (40, 130, 60), (30, 40, 300), (1500, 6, 30)];

    public static TheoryData<string, string> KernelsAndLayouts()
    {
        var data = new TheoryData<string, string>();
        foreach (var kernel in GemmCases.SupportedKernels)
        {
            foreach (var layout in Enum.GetValues<GemmLayout>())
            {
                data.Add(kernel.ToString(), layout.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KernelsAndLayouts))]
    public void One_two_three_and_four_threads_give_the_same_bits(string kernelName, string layoutName)
    {
        var (kernel, layout) = GemmCases.Parse(kernelName, layoutName);
        var random = new Random(31);
        foreach (var (m, n, k) in SplitShapes)
        {
            ((long)m * n * k).ShouldBeGreaterThanOrEqualTo(Gemm.ParallelThreshold);
            var a = GemmCases.Random(random, m * k);
            var b = GemmCases.Random(random, k * n);
            var c = GemmCases.Random(random, m * n);
            foreach (var accumulate in new[] { false, true })
            {
                var single = GemmCases.Run(layout, kernel, a, b, c, m, n, k, accumulate, threads: 1);
                foreach (var threads in new[] { 1, 2, 3, 4 })
                {
                    var again = GemmCases.Run(layout, kernel, a, b, c, m, n, k, accumulate, threads);
                    Bits(again).ShouldBe(Bits(single), $"{kernel} {layout} {m}x{n}x{k} accumulate={accumulate} on {threads} threads");
                }
            }
        }
    }

    [Theory]
    [InlineData(100, 12, 2)]
    [InlineData(100, 12, 3)]
    [InlineData(7, 12, 2)]
    [InlineData(600, 32, 4)]
    public void Chunks_are_contiguous_runs_of_whole_tiles_covering_the_dimension(int length, int unit, int chunks)
    {
        var next = 0;
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var (start, end) = GemmJob.Range(length, unit, chunks, chunk);
            start.ShouldBe(next);
            (start % unit).ShouldBe(0);
            end.ShouldBeGreaterThanOrEqualTo(start);
            next = end;
        }

        next.ShouldBe(length);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
