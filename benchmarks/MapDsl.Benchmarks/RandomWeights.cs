namespace MapDsl.Benchmarks;

/// <summary>Seeded weights for the bench workloads (their values do not change the timings).</summary>
internal static class RandomWeights
{
    public static Lab.LeNet.LeNet5.Weights LeNet5()
    {
        var random = new Random(1);
        float[] Layer(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5))];
        return new(
            Layer(Lab.LeNet.LeNet5.C1.WeightCount), Layer(Lab.LeNet.LeNet5.C1.BiasCount),
            Layer(Lab.LeNet.LeNet5.C2.WeightCount), Layer(Lab.LeNet.LeNet5.C2.BiasCount),
            Layer(Lab.LeNet.LeNet5.F1.WeightCount), Layer(Lab.LeNet.LeNet5.F1.BiasCount),
            Layer(Lab.LeNet.LeNet5.F2.WeightCount), Layer(Lab.LeNet.LeNet5.F2.BiasCount),
            Layer(Lab.LeNet.LeNet5.F3.WeightCount), Layer(Lab.LeNet.LeNet5.F3.BiasCount));
    }

    public static Lab.Mlp.Mlp.Weights Mlp()
    {
        var random = new Random(3);
        float[] Layer(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5) * 0.1f)];
        return new(Layer(Lab.Mlp.Mlp.Hidden.WeightCount), Layer(Lab.Mlp.Mlp.Hidden.BiasCount), Layer(Lab.Mlp.Mlp.Out.WeightCount), Layer(Lab.Mlp.Mlp.Out.BiasCount));
    }

    public static Bench.Dense1024.Weights Dense1024()
    {
        var random = new Random(2);
        return new(
            [.. Enumerable.Range(0, Bench.Dense1024.D.WeightCount).Select(_ => (float)(random.NextDouble() - 0.5))],
            new float[Bench.Dense1024.D.BiasCount]);
    }
}
