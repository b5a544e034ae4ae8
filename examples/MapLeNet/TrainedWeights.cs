using Lab.LeNet;
using MapDsl.Runtime.Interchange;

namespace MapLeNet;

/// <summary>The trained LeNet-5 that ships in models/lenet5.safetensors (see models/README.md).</summary>
internal static class TrainedWeights
{
    public static LeNet5.Weights Load(string? path)
    {
        path ??= Path.Combine(RepositoryRoot(), "models", "lenet5.safetensors");
        var tensors = SafeTensors.Read(path).ToDictionary(t => t.Name);
        var weights = new LeNet5.Weights();
        foreach (var layer in LeNet5.WeightedLayerNames)
        {
            Copy(tensors, WeightNames.WeightName(layer), weights.WeightsOf(layer), path);
            Copy(tensors, WeightNames.BiasName(layer), weights.BiasOf(layer), path);
        }

        return weights;
    }

    private static void Copy(Dictionary<string, NamedTensor> tensors, string name, float[] into, string path)
    {
        if (!tensors.TryGetValue(name, out var tensor))
        {
            throw new InvalidDataException($"{path} has no tensor '{name}'.");
        }

        if (tensor.Data.Length != into.Length)
        {
            throw new InvalidDataException($"{path}: '{name}' has {tensor.Data.Length} values, LeNet5 needs {into.Length}.");
        }

        tensor.Data.CopyTo(into, 0);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MapDsl.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Could not find the repository (MapDsl.sln) above the program; pass --weights PATH.");
    }
}
