namespace MapDsl.Generated.Tests;

/// <summary>Random weights for the example networks, with a different seed per layer.</summary>
internal static class ExampleNetworks
{
    public static Lab.LeNet.LeNet5.Weights LeNet5(int seed) => new(
        ReferenceMath.RandomWeights(Lab.LeNet.LeNet5.C1.WeightCount, seed + 1),
        ReferenceMath.RandomWeights(Lab.LeNet.LeNet5.C1.BiasCount, seed + 2),
        ReferenceMath.RandomWeights(Lab.LeNet.LeNet5.C2.WeightCount, seed + 3),
        ReferenceMath.RandomWeights(Lab.LeNet.LeNet5.C2.BiasCount, seed + 4),
        ReferenceMath.RandomWeights(Lab.LeNet.LeNet5.F1.WeightCount, seed + 5),
        ReferenceMath.RandomWeights(Lab.LeNet.LeNet5.F1.BiasCount, seed + 6),
        ReferenceMath.RandomWeights(Lab.LeNet.LeNet5.F2.WeightCount, seed + 7),
        ReferenceMath.RandomWeights(Lab.LeNet.LeNet5.F2.BiasCount, seed + 8),
        ReferenceMath.RandomWeights(Lab.LeNet.LeNet5.F3.WeightCount, seed + 9),
        ReferenceMath.RandomWeights(Lab.LeNet.LeNet5.F3.BiasCount, seed + 10));

    public static Lab.Mlp.Mlp.Weights Mlp(int seed) => new(
        ReferenceMath.RandomWeights(Lab.Mlp.Mlp.Hidden.WeightCount, seed + 1),
        ReferenceMath.RandomWeights(Lab.Mlp.Mlp.Hidden.BiasCount, seed + 2),
        ReferenceMath.RandomWeights(Lab.Mlp.Mlp.Out.WeightCount, seed + 3),
        ReferenceMath.RandomWeights(Lab.Mlp.Mlp.Out.BiasCount, seed + 4));

    public static Lab.Systolic.Mlp.Weights SystolicMlp(int seed) => new(
        ReferenceMath.RandomWeights(Lab.Systolic.Mlp.H.WeightCount, seed + 1),
        ReferenceMath.RandomWeights(Lab.Systolic.Mlp.H.BiasCount, seed + 2),
        ReferenceMath.RandomWeights(Lab.Systolic.Mlp.Out.WeightCount, seed + 3),
        ReferenceMath.RandomWeights(Lab.Systolic.Mlp.Out.BiasCount, seed + 4));
}
