using MapDsl.Runtime.Engine;

namespace MapDsl.Runtime.Tests.Engine;

/// <summary>The three products against a float64 triple loop, for every kernel this machine runs.</summary>
public sealed class GemmCorrectnessTests
{
    // Past one kernel tile, one packed block (Mc = 240) and one slice of k (Kc = 256), and skinny ones.
    private static readonly (int M, int N, int K)[] LargerShapes =
    [
        (129, 257, 63), (250, 20, 300), (13, 70, 513), (300, 6, 25), (3, 2100, 5), (2100, 3, 7),
    ];

    public static TheoryData<string, bool> LayoutsAccumulate()
    {
        var data = new TheoryData<string, bool>();
        foreach (var layout in Enum.GetValues<GemmLayout>())
        {
            data.Add(layout.ToString(), false);
            data.Add(layout.ToString(), true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LayoutsAccumulate))]
    public void Random_ragged_shapes_up_to_70_match_the_float64_product(string layoutName, bool accumulate)
    {
        var layout = Enum.Parse<GemmLayout>(layoutName);
        var random = new Random(HashCode.Combine(2024, (int)layout, accumulate));
        for (var trial = 0; trial < 30; trial++)
        {
            var (m, n, k) = (random.Next(1, 71), random.Next(1, 71), random.Next(1, 71));
            CheckEveryKernel(random, layout, m, n, k, accumulate, threads: 1);
        }
    }

    [Theory]
    [MemberData(nameof(LayoutsAccumulate))]
    public void Larger_shapes_across_blocks_and_slices_of_k_match_on_two_threads(string layoutName, bool accumulate)
    {
        var layout = Enum.Parse<GemmLayout>(layoutName);
        var random = new Random(HashCode.Combine(7, (int)layout, accumulate));
        foreach (var (m, n, k) in LargerShapes)
        {
            CheckEveryKernel(random, layout, m, n, k, accumulate, threads: 2);
        }
    }

    [Theory]
    [InlineData(512, 512, "General")]
    [InlineData(200_704, 6, "Narrow")]
    [InlineData(3, 1000, "Wide")]
    public void Skinny_shapes_get_the_wide_or_narrow_kernel_of_the_machine_family(int m, int n, string kind)
    {
        // Few columns get the narrow tile, few rows the wide one, a square the general one; a family of
        // one kernel (no FMA) has only that.
        var chosen = GemmKernels.Choose(m, n);
        GemmKernels.Family.ToArray().ShouldContain(chosen);
        if (GemmKernels.Family.Length > 1)
        {
            chosen.ToString().ShouldContain(kind);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_empty_sum_over_k_zeroes_c_or_leaves_it(bool accumulate)
    {
        var c = new float[] { 1, 2, 3, 4, 5, 6 };
        Gemm.Multiply([], [], c, 2, 3, 0, accumulate);
        c.ShouldBe(accumulate ? [1, 2, 3, 4, 5, 6] : new float[6]);
    }

    [Fact]
    public void Empty_c_touches_nothing()
    {
        var c = new float[] { 7 };
        Gemm.Multiply([1, 2], [], c, 0, 0, 2);
        Gemm.MultiplyTransposedB([1, 2], [], c, 1, 0, 2);
        c[0].ShouldBe(7);
    }

    [Fact]
    public void Public_products_agree_with_their_definitions()
    {
        // 2x3 * 3x2, written out by hand; the transposed forms store the same operands the other way round.
        float[] a = [1, 2, 3, 4, 5, 6];
        float[] b = [7, 8, 9, 10, 11, 12];
        float[] expected = [58, 64, 139, 154];
        var c = new float[4];
        Gemm.Multiply(a, b, c, 2, 2, 3);
        c.ShouldBe(expected);

        Gemm.MultiplyTransposedB(a, [7, 9, 11, 8, 10, 12], c, 2, 2, 3);
        c.ShouldBe(expected);

        Gemm.MultiplyTransposedA([1, 4, 2, 5, 3, 6], b, c, 2, 2, 3, accumulate: true);
        c.ShouldBe(expected.Select(x => 2 * x).ToArray());
    }

    // One float64 reference per shape, shared by every kernel: the reference is the slow part.
    private static void CheckEveryKernel(Random random, GemmLayout layout, int m, int n, int k, bool accumulate, int threads)
    {
        var a = GemmCases.Random(random, m * k);
        var b = GemmCases.Random(random, k * n);
        var c = GemmCases.Random(random, m * n);
        var reference = GemmReference.Multiply(layout, a, b, c, m, n, k, accumulate);
        foreach (var kernel in GemmCases.SupportedKernels)
        {
            var actual = GemmCases.Run(layout, kernel, a, b, c, m, n, k, accumulate, threads);
            GemmReference.ShouldMatch(actual, reference, k, $"{kernel} {layout} {m}x{n}x{k} accumulate={accumulate}");
        }
    }
}
