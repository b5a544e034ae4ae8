namespace MapDsl.Runtime.Tests.Support;

/// <summary>Seeded random weights and the float64 facts tests need about them.</summary>
internal static class RandomWeights
{
    public static float[] Uniform(Random random, int count, double magnitude)
    {
        var weights = new float[count];
        for (int i = 0; i < count; i++)
        {
            weights[i] = (float)((random.NextDouble() * 2 - 1) * magnitude);
        }

        return weights;
    }

    public static double MaxAbs(IEnumerable<float> weights) => weights.Select(w => Math.Abs((double)w)).DefaultIfEmpty(0).Max();
}
