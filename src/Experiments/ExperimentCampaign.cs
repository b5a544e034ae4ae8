using MapDsl.Runtime.Campaigns;

namespace MapDsl.Experiments;

/// <summary>One campaign of an experiment: its plan and where its files go. Known from the settings alone, so shards can be merged without running anything.</summary>
/// <param name="Title">What it sweeps, for people, e.g. "stuck-on faults".</param>
/// <param name="Subfolder">Its folder below the output folder; empty for the output folder itself.</param>
/// <param name="Plan">Every trial it runs.</param>
/// <param name="PlotTitle">The title of its accuracy-vs-rate plot.</param>
public sealed record ExperimentCampaign(string Title, string Subfolder, CampaignPlan Plan, string PlotTitle)
{
    /// <summary>The campaign's folder (trials.csv, summary.csv, curves.csv, accuracy-vs-rate.svg).</summary>
    /// <param name="outputFolder">The experiment's output folder.</param>
    /// <returns>The folder.</returns>
    public string Folder(string outputFolder) => Path.Combine(outputFolder, Subfolder);
}
