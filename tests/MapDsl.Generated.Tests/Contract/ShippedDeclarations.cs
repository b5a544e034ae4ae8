using System.Reflection;
using System.Text.RegularExpressions;
using MapDsl.Runtime.Contract;

namespace MapDsl.Generated.Tests.Contract;

/// <summary>
/// Every generated registry of this test project (one <c>XmapDeclarations</c> per namespace of the shipped .xmap
/// files), and the declarations those files contain as read by a plain pattern, independently of the generator.
/// </summary>
internal static partial class ShippedDeclarations
{
    /// <summary>The .xmap files compiled into this project, relative to the repository root.</summary>
    public static readonly string[] Files =
    [
        "examples/xmap/lenet5.xmap", "examples/xmap/mlp.xmap", "examples/xmap/systolic.xmap", "examples/xmap/resnet8.xmap",
        "examples/DifferentialMapping/differential.xmap", "examples/FaultAwareTraining/fat.xmap", "examples/Pruning/pruning.xmap", "benchmarks/MapDsl.Benchmarks/bench.xmap",
        "examples/BitErrorRobustness/bet.xmap", "tests/MapDsl.Generated.Tests/Xmap/biterrors.xmap",
        "tests/MapDsl.Generated.Tests/Xmap/evaluation.xmap", "tests/MapDsl.Generated.Tests/Xmap/faults.xmap",
        "tests/MapDsl.Generated.Tests/Xmap/pruning.xmap", "tests/MapDsl.Generated.Tests/Xmap/residual.xmap", "tests/MapDsl.Generated.Tests/Xmap/resnet-reference.xmap",
    ];

    /// <summary>The registry classes, by namespace.</summary>
    public static IReadOnlyDictionary<string, Type> Registries { get; } = typeof(ShippedDeclarations).Assembly.GetTypes()
        .Where(t => t.Name == "XmapDeclarations")
        .ToDictionary(t => t.Namespace!, t => t);

    /// <summary>Every mapping of every namespace's registry.</summary>
    public static IEnumerable<IMapping> Mappings => Registries.Values.SelectMany(t => (IReadOnlyList<IMapping>)Registry(t, "Mappings"));

    /// <summary>Every pruning of every namespace's registry.</summary>
    public static IEnumerable<IPruning> Prunings => Registries.Values.SelectMany(t => (IReadOnlyList<IPruning>)Registry(t, "Prunings"));

    /// <summary>The network class (<c>N</c>, holding <c>N.Mappings</c>) of a generated weights type.</summary>
    public static Type NetworkClassOf(Type weights) => weights.DeclaringType!;

    /// <summary>Namespace, kind and name of every declaration in the shipped files, read with a pattern.</summary>
    public static IEnumerable<(string Namespace, string Kind, string Name)> Declared()
    {
        foreach (var file in Files)
        {
            var text = File.ReadAllText(Path.Combine(RepositoryRoot(), file));
            var ns = NamespaceLine().Match(text).Groups[1].Value;
            foreach (Match match in DeclarationLine().Matches(text))
            {
                yield return (ns, match.Groups[1].Value, match.Groups[2].Value);
            }
        }
    }

    private static object Registry(Type registry, string property) =>
        registry.GetProperty(property, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MapDsl.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("MapDsl.sln not found above the test binaries");
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^(mapping|pruning|network)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex DeclarationLine();
}
