using System.Reflection;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Engine.Graph;
using MapDsl.Runtime.Faults;

namespace MapDsl.Generated.Tests.Contract;

/// <summary>
/// The runtime contract holds for every mapping and pruning of every shipped .xmap file, reached only through the
/// generated registries: what library code written once for every mapping can rely on.
/// </summary>
public sealed class GeneratedContractTests
{
    // Namespace-qualified: two shipped namespaces may declare the same name (Lab.Pruning and Test.Pruning do).
    public static TheoryData<string> MappingNames => [.. ShippedDeclarations.Mappings.Select(m => m.GetType().FullName!)];

    public static TheoryData<string> PruningNames => [.. ShippedDeclarations.Prunings.Select(p => p.GetType().FullName!)];

    [Fact]
    public void The_registries_list_exactly_the_declared_mappings_and_prunings_in_order()
    {
        var declared = ShippedDeclarations.Declared().ToList();
        ShippedDeclarations.Registries.Keys.Order().ShouldBe(declared.Select(d => d.Namespace).Distinct().Order());
        foreach (var (ns, registry) in ShippedDeclarations.Registries)
        {
            var mappings = (IReadOnlyList<IMapping>)registry.GetProperty("Mappings")!.GetValue(null)!;
            var prunings = (IReadOnlyList<IPruning>)registry.GetProperty("Prunings")!.GetValue(null)!;
            mappings.Select(m => m.Name).ShouldBe(declared.Where(d => d.Namespace == ns && d.Kind == "mapping").Select(d => d.Name), ns);
            prunings.Select(p => p.Name).ShouldBe(declared.Where(d => d.Namespace == ns && d.Kind == "pruning").Select(d => d.Name), ns);
        }
    }

    [Fact]
    public void A_network_lists_the_mappings_and_prunings_of_that_network()
    {
        foreach (var mapping in ShippedDeclarations.Mappings)
        {
            var network = ShippedDeclarations.NetworkClassOf(WeightsTypeOf(mapping.GetType(), typeof(IMapping<>)));
            network.GetField("Name")!.GetValue(null).ShouldBe(mapping.Network);
            var listed = (System.Collections.IEnumerable)network.GetProperty("Mappings")!.GetValue(null)!;
            listed.Cast<IMapping>().ShouldContain(mapping);
            listed.Cast<IMapping>().ShouldAllBe(m => m.Network == mapping.Network);
        }

        ShippedDeclarations.Mappings.Count().ShouldBe(ShippedDeclarations.Declared().Count(d => d.Kind == "mapping"));
    }

    [Theory]
    [MemberData(nameof(MappingNames))]
    public void A_mapping_describes_itself_consistently(string name)
    {
        var mapping = Mapping(name);
        mapping.Shape.Mapping.ShouldBe(mapping.GetType().FullName); // namespace-qualified, e.g. Lab.LeNet.DM
        mapping.Shape.IsSystolic.ShouldBe(mapping.IsSystolic);
        mapping.Layers.Select(l => l.Layer).ShouldBe(mapping.Shape.Layers.Select(l => l.Layer));
        mapping.TileCount.ShouldBe(mapping.Layers.Sum(l => l.Plan.TileCount));
        mapping.Shape.Layers.Sum(l => l.TileCount).ShouldBe(mapping.TileCount);
        mapping.SchemeName.ShouldBe(mapping.Scheme switch
        {
            Runtime.Schemes.Scheme.TwoColumn => "two-column",
            Runtime.Schemes.Scheme.Differential => "differential",
            Runtime.Schemes.Scheme.Offset => "offset",
            _ => "weight-stationary",
        });
        mapping.IsSystolic.ShouldBe(mapping.Scheme == Runtime.Schemes.Scheme.WeightStationary);
        FaultKind[] expected = mapping.IsSystolic ? [FaultKind.Pe] : [FaultKind.StuckOn, FaultKind.StuckOff];
        mapping.FaultKinds.ShouldBe(mapping.QuantizeBits > 0 ? [.. expected, FaultKind.BitFlip] : expected);
        if (mapping.Pruning is { } pruning)
        {
            mapping.Layers.Select(l => l.Sparsity).ShouldBe(pruning.Layers.Select(l => l.Sparsity));
            mapping.Layers.Select(l => l.Pruning).ShouldBe(pruning.Layers.Select(l => l.Rule));
        }
        else
        {
            mapping.Layers.ShouldAllBe(l => l.Sparsity == 0 && l.Pruning == "none");
        }

        var chip = mapping.CreateChip();
        chip.Mapping.ShouldBeSameAs(mapping);
        if (chip is ICrossbarChip crossbar)
        {
            mapping.IsSystolic.ShouldBeFalse();
            crossbar.MappedLayers.Select(l => l.Name).ShouldBe(mapping.Layers.Select(l => l.Layer));
            crossbar.AllTiles.Count().ShouldBe(mapping.TileCount);
        }
        else
        {
            var systolic = chip.ShouldBeAssignableTo<ISystolicChip>()!;
            systolic.AllTiles.Count().ShouldBe(mapping.TileCount);
        }
    }

    [Theory]
    [MemberData(nameof(MappingNames))]
    public void A_mapping_programs_faults_and_reads_back_through_the_contract(string name)
    {
        var mapping = Mapping(name);
        var weights = WeightsTypeOf(mapping.GetType(), typeof(IMapping<>));
        typeof(GeneratedContractTests).GetMethod(nameof(ProgramFaultAndReadBack), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(weights)
            .Invoke(null, [mapping]);
    }

    [Theory]
    [MemberData(nameof(MappingNames))]
    public void A_mapping_refuses_a_chip_of_another_mapping(string name)
    {
        var mapping = Mapping(name);
        var other = ShippedDeclarations.Mappings.First(m => m.GetType() != mapping.GetType());
        var error = Should.Throw<ArgumentException>(() => mapping.Inject(other.CreateChip(), mapping.SampleFaults(FaultRates.None, 1)));
        error.Message.ShouldContain($"Mapping '{mapping.Name}' cannot use a chip of mapping '{other.Name}'");
    }

    [Theory]
    [MemberData(nameof(PruningNames))]
    public void A_pruning_keeps_what_its_masks_say_at_its_declared_sparsity(string name)
    {
        var pruning = ShippedDeclarations.Prunings.Single(p => p.GetType().FullName == name);
        var weights = WeightsTypeOf(pruning.GetType(), typeof(IPruning<>));
        typeof(GeneratedContractTests).GetMethod(nameof(PruneWithMasks), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(weights)
            .Invoke(null, [pruning]);
    }

    private static void ProgramFaultAndReadBack<TWeights>(IMapping<TWeights> mapping)
        where TWeights : class, INetworkWeights<TWeights>
    {
        var weights = RandomWeights<TWeights>(seed: 11);
        // What the mapping programs: the weights with every batch norm that follows a conv or dense folded into it
        // (the weights themselves in a network without batch norms).
        var folded = BatchNormFolding.Folded(weights);
        var chip = mapping.Map(weights);
        var clean = mapping.ReadBack(chip);
        var into = TWeights.Zero();
        mapping.ReadBack(chip, into);
        foreach (var layer in clean.LayerNames)
        {
            into.WeightsOf(layer).ShouldBe(clean.WeightsOf(layer));
            if (mapping.QuantizesBiases)
            {
                // quantize ... biases: the chip adds what the bias codes decode to.
                var decoded = new float[folded.BiasOf(layer).Length];
                mapping.Quantizer!.RoundTrip(folded.BiasOf(layer), decoded);
                into.BiasOf(layer).ShouldBe(decoded, $"biases of {layer} are stored as codes");
            }
            else
            {
                into.BiasOf(layer).ShouldBe(folded.BiasOf(layer), $"biases of {layer} stay digital");
            }
        }

        // The batch norms come back as the chip keeps them: folded ones marked, the others as given.
        into.Norms.Select(n => (n.Name, n.IsFolded)).ShouldBe(folded.Norms.Select(n => (n.Name, n.IsFolded)));
        for (var i = 0; i < into.Norms.Count; i++)
        {
            float[][] read = [into.Norms[i].Gamma, into.Norms[i].Beta, into.Norms[i].RunningMean, into.Norms[i].RunningVar];
            read.ShouldBe([folded.Norms[i].Gamma, folded.Norms[i].Beta, folded.Norms[i].RunningMean, folded.Norms[i].RunningVar]);
        }

        // The mapping prunes by itself: programming the pruned (folded) weights gives the same chip.
        if (mapping.Pruning is { } pruning)
        {
            var fromPruned = mapping.ReadBack(mapping.Map(pruning.Apply(folded)));
            foreach (var layer in clean.LayerNames)
            {
                fromPruned.WeightsOf(layer).ShouldBe(clean.WeightsOf(layer));
            }
        }

        // Every fault kind the mapping allows changes what the chip computes; the other kinds are refused.
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            var rates = FaultRates.None.With(kind, 0.05);
            if (!mapping.FaultKinds.Contains(kind))
            {
                Should.Throw<ArgumentException>(() => mapping.SampleFaults(rates, 3), $"{mapping.Name} cannot have {kind} faults");
                continue;
            }

            var faulty = mapping.Map(weights);
            mapping.Inject(faulty, mapping.SampleFaults(rates, 3));
            var read = mapping.ReadBack(faulty);
            clean.LayerNames.Any(l => !read.WeightsOf(l).SequenceEqual(clean.WeightsOf(l))).ShouldBeTrue($"{kind} faults at 5% change {mapping.Name}");
        }
    }

    private static void PruneWithMasks<TWeights>(IPruning<TWeights> pruning)
        where TWeights : class, INetworkWeights<TWeights>
    {
        var weights = RandomWeights<TWeights>(seed: 5);
        var masks = pruning.Keep(weights);
        var pruned = pruning.Apply(weights);
        var names = weights.LayerNames;
        masks.Count.ShouldBe(names.Count);
        pruning.Layers.Select(l => l.Layer).ShouldBe(names);
        for (var i = 0; i < names.Count; i++)
        {
            var original = weights.WeightsOf(names[i]);
            var kept = masks[i];
            kept.Length.ShouldBe(original.Length);
            for (var j = 0; j < original.Length; j++)
            {
                pruned.WeightsOf(names[i])[j].ShouldBe(kept[j] ? original[j] : 0f);
            }

            var rule = pruning.Layers[i];
            var prunedFraction = (double)kept.Count(k => !k) / kept.Length;
            if (rule.Rule == "none")
            {
                rule.Sparsity.ShouldBe(0);
                prunedFraction.ShouldBe(0);
            }
            else
            {
                // Structured rules prune whole rows, columns or blocks, so the pruned weights land near the declared
                // fraction of units; blocks cut by a ragged matrix edge hold fewer weights, so they may land further.
                var tolerance = rule.Rule.StartsWith("blocks", StringComparison.Ordinal) ? 0.15 : 0.1;
                prunedFraction.ShouldBe(rule.Sparsity, tolerance, $"{pruning.Name}, layer {rule.Layer}: {rule.Rule}");
            }
        }
    }

    private static TWeights RandomWeights<TWeights>(int seed)
        where TWeights : class, INetworkWeights<TWeights>
    {
        var weights = TWeights.Zero();
        foreach (var layer in weights.LayerNames)
        {
            ReferenceMath.RandomWeights(weights.WeightsOf(layer).Length, seed++).CopyTo(weights.WeightsOf(layer), 0);
            ReferenceMath.RandomWeights(weights.BiasOf(layer).Length, seed++).CopyTo(weights.BiasOf(layer), 0);
        }

        // Batch norms that change what folding gives: scales around 1, variances positive.
        foreach (var norm in weights.Norms)
        {
            ReferenceMath.RandomWeights(norm.Channels, seed++, scale: 0.3).Select(g => 1 + g).ToArray().CopyTo(norm.Gamma, 0);
            ReferenceMath.RandomWeights(norm.Channels, seed++).CopyTo(norm.Beta, 0);
            ReferenceMath.RandomWeights(norm.Channels, seed++).CopyTo(norm.RunningMean, 0);
            ReferenceMath.RandomWeights(norm.Channels, seed++, scale: 0.3).Select(v => 1 + Math.Abs(v)).ToArray().CopyTo(norm.RunningVar, 0);
        }

        return weights;
    }

    private static IMapping Mapping(string name) => ShippedDeclarations.Mappings.Single(m => m.GetType().FullName == name);

    private static Type WeightsTypeOf(Type declaration, Type contract) =>
        declaration.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == contract).GetGenericArguments()[0];
}
