using MapDsl.Runtime.Engine;

namespace MapDsl.Runtime.Tests.Engine;

/// <summary>Kernels, layouts and seeded random operands for the GEMM tests.</summary>
internal static class GemmCases
{
    public static IEnumerable<GemmKernel> SupportedKernels =>
        Enum.GetValues<GemmKernel>().Where(GemmKernels.IsSupported);

    /// <summary>Theory data carries names: the enums are internal to the runtime and test methods are public.</summary>
    public static (GemmKernel Kernel, GemmLayout Layout) Parse(string kernel, string layout) =>
        (Enum.Parse<GemmKernel>(kernel), Enum.Parse<GemmLayout>(layout));

    public static float[] Random(Random random, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }

    /// <summary>Runs one product through the given kernel on a copy of <paramref name="c"/>.</summary>
    public static float[] Run(GemmLayout layout, GemmKernel kernel, float[] a, float[] b, float[] c, int m, int n, int k, bool accumulate, int threads)
    {
        var result = (float[])c.Clone();
        Gemm.Run(layout, a, b, result, m, n, k, accumulate, threads, kernel);
        return result;
    }
}
