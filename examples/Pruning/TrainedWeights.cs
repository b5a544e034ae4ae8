using Lab.Pruning;

namespace Pruning;

/// <summary>The trained LeNet-5 that ships in models/lenet5.safetensors (see models/README.md).</summary>
internal static class TrainedWeights
{
    public static LeNet5.Weights Load(string? path) =>
        LeNet5.Weights.LoadSafetensors(path ?? Path.Combine(RepositoryRoot(), "models", "lenet5.safetensors"));

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
