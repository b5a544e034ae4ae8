using Lab.Differential;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Evaluation;
using MapDsl.Runtime.Faults;
using MapDsl.Runtime.Schemes;

namespace DifferentialMapping;

/// <summary>One mapping of differential.xmap: its name, scheme and pruning, and the generated calls to program and fault it.</summary>
/// <param name="Name">The mapping's name.</param>
/// <param name="Scheme">Its scheme.</param>
/// <param name="Pruning">Its pruning, or null for the unpruned network.</param>
/// <param name="Map">Programs a fresh chip with the (already pruned) weights.</param>
/// <param name="SampleFaults">The fault map of a chip (seed) at the given rates, for this mapping's tiles.</param>
internal sealed record MappingBinding(
    string Name, Scheme Scheme, PruningBinding? Pruning, Func<LeNet5.Weights, IMappedChip> Map, Func<FaultRates, ulong, FaultMap> SampleFaults)
{
    /// <summary>Sparsity of the pruned layers in percent (0 for the unpruned network).</summary>
    public int SparsityPercent => Pruning?.SparsityPercent ?? 0;

    /// <summary>The mapping as trials.csv and the campaign name it.</summary>
    public CampaignConfiguration Configuration => new(Name, SchemeName, SparsityPercent / 100.0);

    /// <summary>The scheme as the language spells it, which is how trials.csv and the report name it.</summary>
    public string SchemeName => Scheme switch
    {
        Scheme.TwoColumn => "two-column",
        Scheme.Differential => "differential",
        Scheme.Offset => "offset",
        _ => Scheme.ToString(),
    };

    /// <summary>The eight mappings of differential.xmap, unpruned first, two-column before differential.</summary>
    public static IReadOnlyList<MappingBinding> All { get; } =
    [
        new(TwoColumn0.Name, TwoColumn0.Scheme, null, w => Chip(TwoColumn0.Map(w), TwoColumn0.ReadBack, TwoColumn0.Inject, s => s.MappedLayers), TwoColumn0.SampleFaults),
        new(Differential0.Name, Differential0.Scheme, null, w => Chip(Differential0.Map(w), Differential0.ReadBack, Differential0.Inject, s => s.MappedLayers), Differential0.SampleFaults),
        new(TwoColumn50.Name, TwoColumn50.Scheme, PruningBinding.All[0], w => Chip(TwoColumn50.Map(w), TwoColumn50.ReadBack, TwoColumn50.Inject, s => s.MappedLayers), TwoColumn50.SampleFaults),
        new(Differential50.Name, Differential50.Scheme, PruningBinding.All[0], w => Chip(Differential50.Map(w), Differential50.ReadBack, Differential50.Inject, s => s.MappedLayers), Differential50.SampleFaults),
        new(TwoColumn80.Name, TwoColumn80.Scheme, PruningBinding.All[1], w => Chip(TwoColumn80.Map(w), TwoColumn80.ReadBack, TwoColumn80.Inject, s => s.MappedLayers), TwoColumn80.SampleFaults),
        new(Differential80.Name, Differential80.Scheme, PruningBinding.All[1], w => Chip(Differential80.Map(w), Differential80.ReadBack, Differential80.Inject, s => s.MappedLayers), Differential80.SampleFaults),
        new(TwoColumn90.Name, TwoColumn90.Scheme, PruningBinding.All[2], w => Chip(TwoColumn90.Map(w), TwoColumn90.ReadBack, TwoColumn90.Inject, s => s.MappedLayers), TwoColumn90.SampleFaults),
        new(Differential90.Name, Differential90.Scheme, PruningBinding.All[2], w => Chip(Differential90.Map(w), Differential90.ReadBack, Differential90.Inject, s => s.MappedLayers), Differential90.SampleFaults),
    ];

    private static MappedChip<TState> Chip<TState>(
        TState state, Func<TState, LeNet5.Weights> readBack, Action<TState, FaultMap> inject, Func<TState, IReadOnlyList<MappedLayer>> layers) =>
        new(state, readBack, inject, layers);
}
