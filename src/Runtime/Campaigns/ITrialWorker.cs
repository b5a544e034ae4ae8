namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// Evaluates trials for <see cref="CampaignRunner"/>. The runner creates one worker per thread and calls it from that
/// thread only, so a worker may keep its own buffers (a mapped network, activations) without locking.
/// </summary>
public interface ITrialWorker
{
    /// <summary>
    /// Evaluates <paramref name="trial"/>: samples the chip's fault map from the trial's rates with the chip number as
    /// seed (none for the baseline), maps the configuration onto it and measures test accuracy. The result must depend
    /// on the trial alone, not on which worker runs it or what ran before, so that resumed, sharded and parallel
    /// campaigns agree.
    /// </summary>
    /// <param name="trial">The trial.</param>
    /// <returns>Test accuracy as a fraction in [0, 1].</returns>
    double Evaluate(Trial trial);
}
