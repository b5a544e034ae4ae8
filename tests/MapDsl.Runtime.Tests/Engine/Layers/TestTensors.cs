namespace MapDsl.Runtime.Tests.Engine.Layers;

/// <summary>Seeded random tensors and float/double conversions for the layer tests.</summary>
internal static class TestTensors
{
    /// <summary>Uniform in [−magnitude, magnitude]; floats, so float kernels and double references see identical values.</summary>
    public static float[] Uniform(Random random, int count, double magnitude = 1.0)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2 - 1) * magnitude);
        }

        return values;
    }

    /// <summary>Like <see cref="Uniform"/> but at least <paramref name="gap"/> away from 0, where ReLU has its kink.</summary>
    public static float[] AwayFromZero(Random random, int count, double gap)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            double magnitude = gap + random.NextDouble() * (1 - gap);
            values[i] = (float)(random.Next(2) == 0 ? -magnitude : magnitude);
        }

        return values;
    }

    public static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

    /// <summary>A buffer full of NaN, to prove a kernel overwrites (not accumulates into) every element.</summary>
    public static float[] Poisoned(int count)
    {
        var values = new float[count];
        Array.Fill(values, float.NaN);
        return values;
    }
}
