using System.CommandLine;
using Lab.Differential;
using MapDsl.Experiments;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Data;
using Spectre.Console;

namespace DifferentialMapping;

/// <summary>
/// The experiment: prune and fine-tune LeNet-5 at every sparsity, then one campaign with stuck-on faults only and
/// (unless --mixed none) one with stuck-on and stuck-off faults, each over the eight mappings of differential.xmap.
/// </summary>
internal sealed class DifferentialExperiment : CampaignExperiment<PrunedNetworks<LeNet5.Weights>>
{
    /// <summary>The stuck-on only campaign writes into the output folder itself; the mixed one into this subfolder.</summary>
    public const string MixedSubfolder = "mixed";

    private readonly Option<string> _mixed = new("--mixed")
    {
        Description = "Stuck-off rule of the second campaign: 'none' to skip it, a rate ('0.1%'), or stuck-on:stuck-off ('9.04:1.75', the default, from faults Measured)",
        DefaultValueFactory = _ => "9.04:1.75",
    };

    public DifferentialExperiment()
        : base(
            "Differential vs two-column crossbar mapping of a pruned LeNet-5 under stuck-at faults (Yuan et al., ISQED 2021)",
            new ExperimentDefaults(Path.Combine("results", "differential-mapping"), "models/lenet5.safetensors"))
    {
        Options.Add(_mixed);
    }

    /// <summary>The stuck-off rule of the mixed campaign, or null when --mixed none skips it.</summary>
    public FaultMix? MixedFaults(ExperimentSettings settings) =>
        settings.Value(_mixed)!.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? null : FaultMix.Parse(settings.Value(_mixed)!);

    public override IReadOnlyList<ExperimentCampaign> Campaigns(ExperimentSettings settings) => MixedFaults(settings) is { } mix
        ? [Campaign("stuck-on faults", string.Empty, FaultMix.StuckOnOnly, settings), Campaign($"stuck-on and stuck-off faults ({mix.Describe()})", MixedSubfolder, mix, settings)]
        : [Campaign("stuck-on faults", string.Empty, FaultMix.StuckOnOnly, settings)];

    protected override PrunedNetworks<LeNet5.Weights> Prepare(ExperimentSettings settings, IAnsiConsole console, CancellationToken cancel)
    {
        var weights = LeNet5.Weights.LoadSafetensors(settings.WeightsPath ?? MapDsl.Examples.RepositoryFiles.Path("models", "lenet5.safetensors"));
        var test = settings.TestSlice(Datasets.FashionTest(settings.DataFolder));
        console.MarkupLine($"LeNet-5 from [bold]{Markup.Escape(settings.Weights)}[/]; test set: {test.Count} images of {Markup.Escape(test.Source)}");
        return PrunedNetworks<LeNet5.Weights>.Prepare(weights, LeNet5.Prunings, settings.TrainSlice(Datasets.FashionTrain(settings.DataFolder)), test, settings, console, cancel);
    }

    protected override void RunTrials(
        PrunedNetworks<LeNet5.Weights> networks, ExperimentCampaign campaign, IReadOnlyList<Trial> pending, TrialsFile file, int workers, Action<string, int> progress, CancellationToken cancel) =>
        MappingCampaign.Run(pending, LeNet5.Mappings, m => networks.For(m.Pruning), networks.Test, file, workers, (m, done, _) => progress(m.Name, done), cancel);

    protected override void WriteReport(ExperimentSettings settings, PrunedNetworks<LeNet5.Weights>? networks, IReadOnlyList<CampaignSummary> summaries) =>
        Report.Write(settings, MixedFaults(settings), networks, summaries);

    private static ExperimentCampaign Campaign(string title, string subfolder, FaultMix mix, ExperimentSettings settings) => new(
        title, subfolder, new CampaignPlan(LeNet5.Mappings.Select(CampaignConfiguration.Of), settings.Grid, mix, settings.Chips), $"LeNet-5 on 128x128 ReRAM crossbars, {title}");
}
