using MapDsl.Runtime.Contract;

namespace DifferentialMapping;

/// <summary>
/// The network the experiment runs on: its value of --network, its name in the report, its trained weights and output
/// folder (the defaults of --weights and --out), the first layer, which every pruning leaves dense, its mappings and
/// prunings in differential.xmap, and an embedded Markdown resource the report's notes add for it (or null). The rest
/// (the crossbar, the rate grid, the chips, both campaigns, the report's analysis) is the same for every network.
/// </summary>
internal sealed record DifferentialNetwork<TWeights>(
    string Option, string Label, string Weights, string OutputFolder, string DenseLayer, IReadOnlyList<IMapping<TWeights>> Mappings, IReadOnlyList<IPruning<TWeights>> Prunings, string? Notes)
    where TWeights : class, INetworkWeights<TWeights>;
