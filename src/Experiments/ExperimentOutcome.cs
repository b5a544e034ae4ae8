using MapDsl.Runtime.Campaigns;

namespace MapDsl.Experiments;

/// <summary>What a campaign left in its folder.</summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="Folder">Its folder.</param>
/// <param name="Summary">Its summary, or null when the run did one shard only or was stopped.</param>
public sealed record CampaignOutcome(ExperimentCampaign Campaign, string Folder, CampaignSummary? Summary);

/// <summary>What a run of an experiment found.</summary>
/// <typeparam name="TPrepared">What the experiment prepared (its networks and data).</typeparam>
/// <param name="Prepared">What it prepared.</param>
/// <param name="Campaigns">Its campaigns, in order; those after a stop are missing.</param>
/// <param name="Cancelled">Whether Ctrl-C stopped it early.</param>
public sealed record ExperimentOutcome<TPrepared>(TPrepared Prepared, IReadOnlyList<CampaignOutcome> Campaigns, bool Cancelled)
{
    /// <summary>The summary of every campaign, or null when a campaign has none (one shard, or stopped).</summary>
    public IReadOnlyList<CampaignSummary>? Summaries =>
        !Cancelled && Campaigns.All(c => c.Summary is not null) ? [.. Campaigns.Select(c => c.Summary!)] : null;
}
