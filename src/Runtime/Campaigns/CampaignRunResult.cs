namespace MapDsl.Runtime.Campaigns;

/// <summary>What a <see cref="CampaignRunner"/> run did.</summary>
/// <param name="Completed">Trials evaluated and written by this run.</param>
/// <param name="Skipped">Trials already in the file, not run again.</param>
/// <param name="Left">Trials not run because the run was cancelled; a later run with the same file picks them up.</param>
public sealed record CampaignRunResult(int Completed, int Skipped, int Left)
{
    /// <summary>Whether every trial of the list is now in the file.</summary>
    public bool IsComplete => Left == 0;
}
