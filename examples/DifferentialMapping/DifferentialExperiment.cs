using System.CommandLine;
using Lab.Differential;
using Lab.ResNet;
using MapDsl.Experiments;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;
using Spectre.Console;

namespace DifferentialMapping;

/// <summary>The values of --network, and the program's command for the one the command line names.</summary>
internal static class DifferentialExperiment
{
    /// <summary>The stuck-on only campaign writes into the output folder itself; the mixed one into this subfolder.</summary>
    public const string MixedSubfolder = "mixed";

    public static DifferentialNetwork<LeNet5.Weights> LeNet { get; } = Network<LeNet5.Weights>("lenet5", "LeNet-5", "lenet5", "differential-mapping", "c1", null);

    /// <summary>ResNet-8 of examples/xmap/resnet8.xmap, whose own mappings (ResNet8.Mappings lists them too) are not the experiment's.</summary>
    public static DifferentialNetwork<ResNet8.Weights> ResNet { get; } = Network<ResNet8.Weights>("resnet", "ResNet-8", "resnet8", "differential-mapping-resnet8", "stem", "report-notes-resnet8.md");

    /// <summary>--network: each network has its own defaults (--out, --weights), so it is read before the rest.</summary>
    public static Option<string> NetworkOption { get; } = new Option<string>("--network")
    {
        Description = "The network: 'lenet5' (LeNet-5) or 'resnet' (ResNet-8 of examples/xmap/resnet8.xmap, batch norms folded into the convs)",
        DefaultValueFactory = _ => LeNet.Option,
    }.AcceptOnlyFromAmong(LeNet.Option, ResNet.Option);

    public static DifferentialExperiment<TWeights> For<TWeights>(DifferentialNetwork<TWeights> network)
        where TWeights : class, INetworkWeights<TWeights> => new(network);

    /// <summary>The program's command (<c>Command(args, console).Parse(args).Invoke()</c>) for the network the command line names.</summary>
    public static RootCommand Command(string[] args, IAnsiConsole console) =>
        For(LeNet).Command(console).Parse(args).GetValue(NetworkOption) == ResNet.Option ? For(ResNet).Command(console) : For(LeNet).Command(console);

    private static DifferentialNetwork<TWeights> Network<TWeights>(string option, string label, string model, string folder, string dense, string? notes)
        where TWeights : class, INetworkWeights<TWeights> => new(
        option, label, $"models/{model}.safetensors", Path.Combine("results", folder), dense,
        [.. Lab.Differential.XmapDeclarations.Mappings.OfType<IMapping<TWeights>>()], [.. Lab.Differential.XmapDeclarations.Prunings.OfType<IPruning<TWeights>>()], notes);
}

/// <summary>
/// The experiment: prune and fine-tune the network at every sparsity, then one campaign with stuck-on faults only and
/// (unless --mixed none) one with stuck-on and stuck-off faults, each over the network's eight mappings of differential.xmap.
/// </summary>
/// <typeparam name="TWeights">The network's generated weights type.</typeparam>
internal sealed class DifferentialExperiment<TWeights> : CampaignExperiment<PrunedNetworks<TWeights>>
    where TWeights : class, INetworkWeights<TWeights>
{
    private readonly Option<string> _mixed = new("--mixed")
    {
        Description = "Stuck-off rule of the second campaign: 'none' to skip it, a rate ('0.1%'), or stuck-on:stuck-off ('9.04:1.75', the default, from faults Measured)",
        DefaultValueFactory = _ => "9.04:1.75",
    };

    public DifferentialExperiment(DifferentialNetwork<TWeights> network)
        : base(
            $"Differential vs two-column crossbar mapping of a pruned {network.Label} under stuck-at faults (Yuan et al., ISQED 2021)",
            new ExperimentDefaults(network.OutputFolder, network.Weights))
    {
        Network = network;
        Options.Add(DifferentialExperiment.NetworkOption);
        Options.Add(_mixed);
    }

    public DifferentialNetwork<TWeights> Network { get; }

    /// <summary>The stuck-off rule of the mixed campaign, or null when --mixed none skips it.</summary>
    public FaultMix? MixedFaults(ExperimentSettings settings) =>
        settings.Value(_mixed)!.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? null : FaultMix.Parse(settings.Value(_mixed)!);

    public override IReadOnlyList<ExperimentCampaign> Campaigns(ExperimentSettings settings)
    {
        if (settings.Value(DifferentialExperiment.NetworkOption) is var asked && asked != Network.Option)
        {
            throw new ArgumentException($"--network {asked}: this is the experiment on {Network.Option}.");
        }

        return MixedFaults(settings) is { } mix
            ? [Campaign("stuck-on faults", string.Empty, FaultMix.StuckOnOnly, settings), Campaign($"stuck-on and stuck-off faults ({mix.Describe()})", DifferentialExperiment.MixedSubfolder, mix, settings)]
            : [Campaign("stuck-on faults", string.Empty, FaultMix.StuckOnOnly, settings)];
    }

    protected override PrunedNetworks<TWeights> Prepare(ExperimentSettings settings, IAnsiConsole console, CancellationToken cancel)
    {
        var weights = TWeights.LoadSafetensors(settings.WeightsPath ?? MapDsl.Examples.RepositoryFiles.Path(Network.Weights.Split('/')));
        var test = settings.TestSlice(Datasets.FashionTest(settings.DataFolder));
        console.MarkupLine($"{Network.Label} from [bold]{Markup.Escape(settings.Weights)}[/]; test set: {test.Count} images of {Markup.Escape(test.Source)}");
        return PrunedNetworks<TWeights>.Prepare(weights, Network.Prunings, settings.TrainSlice(Datasets.FashionTrain(settings.DataFolder)), test, settings, console, cancel);
    }

    protected override void RunTrials(
        PrunedNetworks<TWeights> networks, ExperimentCampaign campaign, IReadOnlyList<Trial> pending, TrialsFile file, int workers, Action<string, int> progress, CancellationToken cancel) =>
        MappingCampaign.Run(pending, Network.Mappings, m => networks.For(m.Pruning), networks.Test, file, workers, (m, done, _) => progress(m.Name, done), cancel);

    protected override void WriteReport(ExperimentSettings settings, PrunedNetworks<TWeights>? networks, IReadOnlyList<CampaignSummary> summaries) =>
        Report.Write(settings, Network, MixedFaults(settings), networks, summaries);

    private ExperimentCampaign Campaign(string title, string subfolder, FaultMix mix, ExperimentSettings settings) => new(
        title, subfolder, new CampaignPlan(Network.Mappings.Select(CampaignConfiguration.Of), settings.Grid, mix, settings.Chips), $"{Network.Label} on 128x128 ReRAM crossbars, {title}");
}
