using System.Globalization;
using MapDsl.Runtime.Data;

namespace MapDsl.Tools.MakeDataSlice;

/// <summary>Where to read the full copy, where to write the slice, and how many images of each class to keep.</summary>
internal sealed record SliceOptions(string From, string To, int TrainPerClass, int TestPerClass)
{
    public const string Usage =
        "usage: MakeDataSlice [--from DIR] [--to DIR] [--train-per-class N] [--test-per-class N]";

    public const string DebianCopy = "/usr/share/datasets/fashion-mnist";

    public static SliceOptions Parse(string[] args)
    {
        string? to = null;
        var options = new SliceOptions(DebianCopy, string.Empty, 400, 100);
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--from" => options with { From = value },
                "--train-per-class" => options with { TrainPerClass = Count(args[i], value) },
                "--test-per-class" => options with { TestPerClass = Count(args[i], value) },
                "--to" => options,
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
            to = args[i] == "--to" ? value : to;
            i++;
        }

        return options with { To = to ?? DefaultTarget() };
    }

    private static int Count(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count > 0
            ? count
            : throw new ArgumentException($"{option} needs a positive whole number, not '{value}'.");

    // The repository's slice folder, found from the working directory or the tool's own folder.
    private static string DefaultTarget()
    {
        string? root = DataLocator.RepositoryRoot(Environment.CurrentDirectory) ?? DataLocator.RepositoryRoot(AppContext.BaseDirectory);
        return root is null
            ? throw new ArgumentException($"No {DataLocator.RepositoryMarker} above the working directory; pass --to DIR.")
            : Path.Combine(root, DataLocator.SliceFolder);
    }
}
