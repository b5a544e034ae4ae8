using Lab.LeNet;

namespace MapLeNet;

/// <summary>Seeded Kaiming-normal weights (std = sqrt(2 / fan-in)), as an untrained LeNet-5 starts.</summary>
internal static class RandomWeights
{
    public static LeNet5.Weights LeNet5(int seed)
    {
        var random = new Random(seed);
        float[] Layer(int count, int fanIn) => [.. Enumerable.Range(0, count).Select(_ => (float)(Gaussian(random) * Math.Sqrt(2.0 / fanIn)))];
        return new LeNet5.Weights(
            Layer(Lab.LeNet.LeNet5.C1.WeightCount, Lab.LeNet.LeNet5.C1.MatrixRows), new float[Lab.LeNet.LeNet5.C1.BiasCount],
            Layer(Lab.LeNet.LeNet5.C2.WeightCount, Lab.LeNet.LeNet5.C2.MatrixRows), new float[Lab.LeNet.LeNet5.C2.BiasCount],
            Layer(Lab.LeNet.LeNet5.F1.WeightCount, Lab.LeNet.LeNet5.F1.MatrixRows), new float[Lab.LeNet.LeNet5.F1.BiasCount],
            Layer(Lab.LeNet.LeNet5.F2.WeightCount, Lab.LeNet.LeNet5.F2.MatrixRows), new float[Lab.LeNet.LeNet5.F2.BiasCount],
            Layer(Lab.LeNet.LeNet5.F3.WeightCount, Lab.LeNet.LeNet5.F3.MatrixRows), new float[Lab.LeNet.LeNet5.F3.BiasCount]);
    }

    // Box-Muller: System.Random has no normal draw, and this keeps the example free of extra packages.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
