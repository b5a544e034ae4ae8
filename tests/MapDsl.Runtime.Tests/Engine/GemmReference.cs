using MapDsl.Runtime.Engine;

namespace MapDsl.Runtime.Tests.Engine;

/// <summary>
/// The products computed the obvious way in float64, plus the bound a float32 result must meet: each
/// element within 1e-5 * sqrt(k) of the magnitude of what was summed (sum of |a*b|, plus |C| when
/// accumulating), which is how far rounding in a float32 sum of k terms can honestly drift.
/// </summary>
internal static class GemmReference
{
    public static (double[] Expected, double[] Scale) Multiply(GemmLayout layout, float[] a, float[] b, float[] c, int m, int n, int k, bool accumulate)
    {
        var expected = new double[m * n];
        var scale = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = accumulate ? c[(i * n) + j] : 0;
                double magnitude = Math.Abs(sum);
                for (var p = 0; p < k; p++)
                {
                    var term = (double)A(layout, a, i, p, m, k) * B(layout, b, p, j, n, k);
                    sum += term;
                    magnitude += Math.Abs(term);
                }

                expected[(i * n) + j] = sum;
                scale[(i * n) + j] = magnitude;
            }
        }

        return (expected, scale);
    }

    public static void ShouldMatch(float[] actual, (double[] Expected, double[] Scale) reference, int k, string because)
    {
        var tolerance = 1e-5 * Math.Sqrt(Math.Max(k, 1));
        for (var e = 0; e < reference.Expected.Length; e++)
        {
            var error = Math.Abs(actual[e] - reference.Expected[e]);
            if (error > tolerance * reference.Scale[e])
            {
                throw new ShouldAssertException(
                    $"{because}: element {e} is {actual[e]:R}, expected {reference.Expected[e]:R} (error {error:E2} > {tolerance * reference.Scale[e]:E2})");
            }
        }
    }

    private static float A(GemmLayout layout, float[] a, int i, int p, int m, int k) =>
        layout == GemmLayout.TransposedA ? a[(p * m) + i] : a[(i * k) + p];

    private static float B(GemmLayout layout, float[] b, int p, int j, int n, int k) =>
        layout == GemmLayout.TransposedB ? b[(j * k) + p] : b[(p * n) + j];
}
