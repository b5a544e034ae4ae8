namespace MapDsl.Generated.Tests;

/// <summary>The trained weights shipped in models/ at the repository root.</summary>
internal static class ModelFiles
{
    public static string Path(string network)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "MapDsl.sln")))
        {
            directory = directory.Parent;
        }

        return System.IO.Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("MapDsl.sln not found above the test binaries"), "models", $"{network}.safetensors");
    }
}
