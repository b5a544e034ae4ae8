using System.Reflection;
using System.Runtime.Loader;
using MapDsl.Generator.Parsing;
using MapDsl.Generator.Tests.Support;
using MapDsl.Runtime.Contract.StandIns;
using Microsoft.CodeAnalysis;

namespace MapDsl.Generator.Tests.StandIns;

/// <summary>
/// A declaration with errors becomes a stand-in of the same name and contract, so that C# code naming it compiles and
/// the build's errors are the XMAP ones alone. Checked by compiling one piece of consumer code against the real
/// declarations and against the same file with every declaration broken.
/// </summary>
public sealed class StandInTests
{
    /// <summary>Every member a stand-in offers, used the way experiment code uses the real declarations.</summary>
    private const string Consumer = """
        using Lab.LeNet;
        using MapDsl.Runtime.Contract;

        public static class Uses
        {
            public static T Zero<T>() where T : class, INetworkWeights<T> => T.Zero();

            public static IMapping<LeNet5.Weights> Mapping => DM.Instance;

            public static object Map(LeNet5.Weights weights)
            {
                var state = DM.Map(weights);
                DM.Map(weights, state);
                var back = DM.ReadBack(state);
                DM.ReadBack(state, back);
                DM.Inject(state, DM.SampleFaults(StuckOnHeavy.Rates, 7));
                return back;
            }

            public static object Prune(LeNet5.Weights weights)
            {
                IPruning<LeNet5.Weights> sparse = Sparse.Instance;
                var pruned = Sparse.Apply(weights);
                Sparse.ApplyInPlace(pruned.Clone());
                return (sparse, Sparse.Keep(pruned), Sparse.Layers, Sparse.Name);
            }

            public static object Constants() => (
                DM.Name, DM.TileCount, DM.QuantizeBits, DM.Layers, DM.Shape, DM.FaultKinds, DM.Scheme, DM.CellsPerWeight, DM.WeightsPerTileRow,
                LeNet5.Name, LeNet5.Graph, LeNet5.WeightedLayerCount, LeNet5.WeightedLayerNames, LeNet5.Mappings, LeNet5.Prunings,
                Rram128.Name, Rram128.Rows, Rram128.Columns, Rram128.Levels, Rram128.GOff, Rram128.GOn, Rram128.Spec,
                StuckOnHeavy.Name, StuckOnHeavy.StuckOn, StuckOnHeavy.StuckOff, StuckOnHeavy.BitFlip, StuckOnHeavy.Pe,
                XmapDeclarations.Mappings, XmapDeclarations.Prunings);

            public static object Weights(string path)
            {
                var weights = LeNet5.Weights.LoadSafetensors(path);
                weights.SaveSafetensors(path);
                return (Zero<LeNet5.Weights>(), new LeNet5.Weights(), weights.WeightsOf("c1"), weights.BiasOf("c1"), new LeNet5.Model(64));
            }
        }
        """;

    // Every declaration of lenet5.xmap broken in its own way; the mappings are broken by what they name.
    private static readonly (string Valid, string Broken)[] Breakages =
    [
        ("levels 16;", "levels 1;"),                          // crossbar: XMAP0202
        ("conv c2 16 kernel 5x5;", "conv c2 16 kernel 50x50;"), // network: XMAP0102, so the pruning and both mappings too
        ("stuck-on 2%;", "stuck-on 200%;"),                   // faults: XMAP0201
    ];

    [Fact]
    public void Consumer_code_compiles_against_the_real_declarations_and_against_their_stand_ins()
    {
        var valid = XmapFiles.Read("Valid", "lenet5.xmap");
        var broken = Break(valid);

        var (real, _) = Compiler.Generate(Consumer, ("lenet5.xmap", valid));
        var (standIns, run) = Compiler.Generate(Consumer, ("lenet5.xmap", broken));

        Compiler.Errors(real).ShouldBeEmpty();
        Compiler.Errors(standIns).ShouldBeEmpty();
        run.Results.Single().GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal).ShouldBe(
        [
            "Lab.LeNet.DM.g.cs", "Lab.LeNet.LeNet5.g.cs", "Lab.LeNet.Rram128.g.cs", "Lab.LeNet.Sparse.g.cs",
            "Lab.LeNet.StuckOnHeavy.g.cs", "Lab.LeNet.TC.g.cs", "Lab.LeNet.XmapDeclarations.g.cs",
        ]);
    }

    [Fact]
    public void A_stand_in_offers_no_member_that_the_real_type_lacks()
    {
        var valid = XmapFiles.Read("Valid", "lenet5.xmap");
        var real = Load(Compiler.Generate(Consumer, ("lenet5.xmap", valid)).Output);
        var standIns = Load(Compiler.Generate(Consumer, ("lenet5.xmap", Break(valid))).Output);

        foreach (var type in new[] { "Lab.LeNet.Rram128", "Lab.LeNet.LeNet5", "Lab.LeNet.LeNet5+Weights", "Lab.LeNet.LeNet5+Model", "Lab.LeNet.Sparse", "Lab.LeNet.DM", "Lab.LeNet.StuckOnHeavy" })
        {
            var offered = PublicMembers(standIns.GetType(type, throwOnError: true)!);
            offered.ShouldNotBeEmpty(type);
            offered.Except(PublicMembers(real.GetType(type, throwOnError: true)!)).ShouldBeEmpty(type);
        }
    }

    [Fact]
    public void Every_member_throws_with_the_XMAP_errors_that_caused_the_stand_in()
    {
        var assembly = Load(Compiler.Generate(Consumer, ("lenet5.xmap", Break(XmapFiles.Read("Valid", "lenet5.xmap")))).Output);
        var uses = assembly.GetType("Uses", throwOnError: true)!;

        Throws(uses, "Constants").Errors.ShouldBe("mapping 'DM' (lenet5.xmap line 37) names network 'LeNet5' (lenet5.xmap line 10), crossbar 'Rram128' (lenet5.xmap line 4) and pruning 'Sparse' (lenet5.xmap line 25), which have errors");
        Throws(uses, "Weights", "w.safetensors").Errors.ShouldBe("network 'LeNet5' (lenet5.xmap line 10) has errors: lenet5.xmap(15,5): XMAP0102: conv c2: a 50x50 kernel does not fit a 14x14 input");
        Throws(uses, "Map", [null]).Errors.ShouldStartWith("mapping 'DM'");
        Throws(uses, "Prune", [null]).Errors.ShouldStartWith("pruning 'Sparse' (lenet5.xmap line 25) names network 'LeNet5'");
        var faults = assembly.GetType("Lab.LeNet.StuckOnHeavy", throwOnError: true)!;
        Should.Throw<TargetInvocationException>(() => faults.GetProperty("Rates")!.GetValue(null)).InnerException.ShouldBeOfType<DeclarationHasErrorsException>()
            .Message.ShouldStartWith("faults 'StuckOnHeavy' (lenet5.xmap line 42) has errors: lenet5.xmap(43,14): XMAP0201: ");
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void The_code_generated_for_a_file_with_errors_compiles_and_names_every_declaration(string file)
    {
        var text = File.ReadAllText(file);
        var (output, run) = Compiler.Generate(string.Empty, (Path.GetFileName(file), text));

        run.Results.Single().Exception.ShouldBeNull();
        Compiler.Errors(output).ShouldBeEmpty();
        var document = XmapParser.Parse(file, text);
        var ns = document.Namespace?.Text ?? "Consumer";
        var declared = document.Declarations.Select(d => d.Name.Text).Distinct().Where(name => name is not ("var" or "XmapDeclarations"));
        foreach (var name in declared)
        {
            output.GetTypeByMetadataName($"{ns}.{name}").ShouldNotBeNull($"{name} of {Path.GetFileName(file)}");
        }
    }

    public static TheoryData<string> BrokenFiles()
    {
        var files = XmapFiles.Invalid.Concat(Directory.GetFiles(RepositoryFiles.Path("editors", "clients"), "*.xmap"));
        var data = new TheoryData<string>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    private static string Break(string valid)
    {
        var broken = valid;
        foreach (var (from, to) in Breakages)
        {
            broken.ShouldContain(from);
            broken = broken.Replace(from, to, StringComparison.Ordinal);
        }

        return broken;
    }

    private static DeclarationHasErrorsException Throws(Type type, string method, params object?[]? arguments)
    {
        var thrown = Should.Throw<TargetInvocationException>(() => type.GetMethod(method)!.Invoke(null, arguments));
        return thrown.InnerException.ShouldBeOfType<DeclarationHasErrorsException>();
    }

    // Public members by name, static or not, inherited ones included: what C# code can name (a const and a property read alike).
    private static HashSet<string> PublicMembers(Type type) =>
    [
        .. type.GetMembers(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.FlattenHierarchy)
            .Where(m => m.DeclaringType != typeof(object) && m is not ConstructorInfo && !(m is MethodInfo { IsSpecialName: true }))
            .Select(m => $"{(IsStatic(m) ? "static " : string.Empty)}{(m is Type ? "type " : string.Empty)}{m.Name}"),
    ];

    private static bool IsStatic(MemberInfo member) => member switch
    {
        MethodInfo method => method.IsStatic,
        PropertyInfo property => property.GetMethod?.IsStatic ?? false,
        FieldInfo field => field.IsStatic,
        _ => false,
    };

    private static Assembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext("stand-ins", isCollectible: true).LoadFromStream(image);
    }
}
