using Lab.Differential;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Data;
using Spectre.Console;

namespace DifferentialMapping;

/// <summary>
/// The whole experiment: prune and fine-tune LeNet-5 at every sparsity, then one campaign with stuck-on faults only
/// and (optionally) one with stuck-on and stuck-off faults, each over the eight mappings of differential.xmap, and
/// the summary, plot and report of both.
/// </summary>
internal static class Experiment
{
    /// <summary>Runs the experiment; returns what it found (null when it was cancelled or ran one shard only).</summary>
    public static ExperimentOutcome Run(ExperimentSettings settings, IAnsiConsole console, CancellationToken cancel)
    {
        var weights = LeNet5.Weights.LoadSafetensors(settings.WeightsPath ?? MapDsl.Examples.RepositoryFiles.Path("models", "lenet5.safetensors"));
        var train = Limit(Datasets.FashionTrain(settings.DataFolder), settings.TrainImages);
        var test = Limit(Datasets.FashionTest(settings.DataFolder), settings.TestImages);
        console.MarkupLine($"LeNet-5 from [bold]{Markup.Escape(settings.WeightsPath ?? "models/lenet5.safetensors")}[/]; test set: {test.Count} images of {Markup.Escape(test.Source)}");

        var networks = PrunedNetworks.Prepare(weights, train, test, settings, console, cancel);
        var stuckOn = RunCampaign("stuck-on faults", settings.OutputFolder, FaultMix.StuckOnOnly, networks, test, settings, console, cancel);
        CampaignOutcome? mixed = null;
        if (settings.MixedFaults is { } mix && !cancel.IsCancellationRequested)
        {
            mixed = RunCampaign($"stuck-on and stuck-off faults ({mix.Describe()})", Path.Combine(settings.OutputFolder, ExperimentSettings.MixedSubfolder), mix, networks, test, settings, console, cancel);
        }

        return new ExperimentOutcome(networks, stuckOn, mixed, cancel.IsCancellationRequested);
    }

    private static CampaignOutcome RunCampaign(
        string title, string folder, FaultMix mix, PrunedNetworks networks, ImageSet test, ExperimentSettings settings,
        IAnsiConsole console, CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        var plan = PlanOf(settings, mix);
        IReadOnlyList<Trial> trials = settings.Shard is { } shard ? plan.Shard(shard) : plan.Trials;
        var trialsPath = Path.Combine(folder, "trials.csv");
        using (var file = TrialsFile.Open(trialsPath, plan.Columns))
        {
            var pending = trials.Where(t => !file.Contains(t)).ToList();
            console.MarkupLine($"[bold]{Markup.Escape(title)}[/]: {trials.Count} trials ({plan.Trials.Count} in the plan), {trials.Count - pending.Count} already in {Markup.Escape(trialsPath)}");
            if (pending.Count > 0)
            {
                RunPending(pending, networks, file, test, settings, console, cancel);
            }
        }

        if (settings.Shard is not null || cancel.IsCancellationRequested)
        {
            return new CampaignOutcome(folder, null);
        }

        var summary = CampaignSummary.From(TrialsFile.ReadRows(trialsPath));
        summary.WriteSummaryCsv(Path.Combine(folder, "summary.csv"));
        summary.WriteCurvesCsv(Path.Combine(folder, "curves.csv"));
        AccuracyPlot.WriteSvg(summary, Path.Combine(folder, "accuracy-vs-rate.svg"), $"LeNet-5 on 128x128 ReRAM crossbars, {title}");
        return new CampaignOutcome(folder, summary);
    }

    private static void RunPending(
        List<Trial> pending, PrunedNetworks networks, TrialsFile file, ImageSet test, ExperimentSettings settings, IAnsiConsole console,
        CancellationToken cancel)
    {
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(progress =>
            {
                var bar = progress.AddTask("trials", maxValue: pending.Count);
                MappingCampaign.Run(pending, LeNet5.Mappings, m => networks.For(m.Pruning), test, file, settings.Workers, (mapping, done, _) =>
                {
                    bar.Description = $"{mapping.Name,-15}";
                    bar.Value = done;
                }, cancel);
                bar.Description = cancel.IsCancellationRequested ? "stopped" : "done";
            });
    }

    /// <summary>Every trial of one campaign of the experiment: the eight mappings, the settings' grid and chips.</summary>
    public static CampaignPlan PlanOf(ExperimentSettings settings, FaultMix mix) => new(
        [.. LeNet5.Mappings.Select(CampaignConfiguration.Of)],
        new RateGrid(settings.LowestRate, settings.HighestRate, settings.PointsPerDecade),
        mix,
        settings.Chips);

    private static ImageSet Limit(ImageSet images, int? count) =>
        count is { } n && n < images.Count ? images.Slice(0, n) : images;
}

/// <summary>What a campaign left in its folder.</summary>
/// <param name="Folder">Its output folder.</param>
/// <param name="Summary">Its summary, or null when it ran one shard only or was stopped.</param>
internal sealed record CampaignOutcome(string Folder, CampaignSummary? Summary);

/// <summary>What the experiment found.</summary>
/// <param name="Networks">The pruned and fine-tuned networks.</param>
/// <param name="StuckOn">The stuck-on campaign.</param>
/// <param name="Mixed">The mixed-fault campaign, if it ran.</param>
/// <param name="Cancelled">Whether Ctrl-C stopped it early.</param>
internal sealed record ExperimentOutcome(PrunedNetworks Networks, CampaignOutcome StuckOn, CampaignOutcome? Mixed, bool Cancelled);
