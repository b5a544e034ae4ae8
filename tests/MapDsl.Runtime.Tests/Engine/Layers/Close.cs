namespace MapDsl.Runtime.Tests.Engine.Layers;

/// <summary>
/// Compares float kernel results with float64 references. The tolerance is relative to the largest expected magnitude
/// (at least 1), because float sums of many products lose digits relative to the terms, not to the result.
/// </summary>
internal static class Close
{
    public static void ShouldMatch(ReadOnlySpan<float> actual, double[] expected, double tolerance, string what)
    {
        actual.Length.ShouldBe(expected.Length, what);
        double scale = 1;
        foreach (double value in expected)
        {
            scale = Math.Max(scale, Math.Abs(value));
        }

        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= tolerance * scale))
            {
                throw new ShouldAssertException(
                    $"{what}[{i}] is {actual[i]} but the float64 reference is {expected[i]} (error {error:g3}, allowed {tolerance * scale:g3}).");
            }
        }
    }
}
