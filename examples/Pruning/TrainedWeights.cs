using Lab.Pruning;

namespace Pruning;

/// <summary>The trained LeNet-5 that ships in models/lenet5.safetensors (see models/README.md).</summary>
internal static class TrainedWeights
{
    public static LeNet5.Weights Load(string? path) =>
        LeNet5.Weights.LoadSafetensors(path ?? MapDsl.Examples.RepositoryFiles.Path("models", "lenet5.safetensors"));
}
