namespace MapDsl.Runtime.Campaigns;

/// <summary>Where a <see cref="CampaignRunner"/> run stands, reported after each finished trial.</summary>
/// <param name="Completed">Trials evaluated and written by this run so far.</param>
/// <param name="Skipped">Trials of the list that the file already had when the run started.</param>
/// <param name="Total">All trials of the list (plan or shard), including the skipped ones.</param>
/// <param name="Trial">The trial that just finished.</param>
/// <param name="Accuracy">Its accuracy.</param>
public readonly record struct CampaignProgress(int Completed, int Skipped, int Total, Trial Trial, double Accuracy)
{
    /// <summary>Trials of the list that are in the file now: <see cref="Skipped"/> + <see cref="Completed"/> (for a progress bar over <see cref="Total"/>).</summary>
    public int Done => Skipped + Completed;
}
