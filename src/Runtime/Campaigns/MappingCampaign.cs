using MapDsl.Runtime.Contract;
using MapDsl.Runtime.Data;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// Runs the trials of a plan whose configurations are mappings (<see cref="CampaignConfiguration.Of"/>): one mapping
/// at a time, so only one evaluator cache of clean activations is alive, each on all workers, every finished trial
/// appended to the trials file at once. Trials already in the file are skipped, so running again resumes.
/// </summary>
public static class MappingCampaign
{
    /// <summary>Runs every trial of <paramref name="trials"/> that <paramref name="file"/> does not hold yet.</summary>
    /// <typeparam name="TWeights">The network's generated weights type.</typeparam>
    /// <param name="trials">The trials, e.g. a plan's <see cref="CampaignPlan.Trials"/> or one shard of them.</param>
    /// <param name="mappings">The mappings the trials' configurations name (e.g. the generated <c>N.Mappings</c>).</param>
    /// <param name="networkOf">The weights a mapping programs (e.g. the fine-tuned network of its pruning).</param>
    /// <param name="test">The images every trial is evaluated on.</param>
    /// <param name="file">The trials file, opened with the plan's columns.</param>
    /// <param name="workers">Threads; 0 for one per core.</param>
    /// <param name="progress">Told after every trial: the mapping being run, and trials done / total.</param>
    /// <param name="cancellationToken">Stops after the trials in progress; everything finished is in the file.</param>
    /// <returns>Trials run, skipped (already in the file) and left (cancelled).</returns>
    /// <exception cref="ArgumentException">A trial names a configuration none of the mappings has, or two mappings make the same one.</exception>
    public static CampaignRunResult Run<TWeights>(
        IEnumerable<Trial> trials,
        IEnumerable<IMapping<TWeights>> mappings,
        Func<IMapping<TWeights>, TWeights> networkOf,
        ImageSet test,
        TrialsFile file,
        int workers = 0,
        Action<IMapping<TWeights>, int, int>? progress = null,
        CancellationToken cancellationToken = default)
        where TWeights : class, INetworkWeights<TWeights>
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(networkOf);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(file);
        Trial[] all = [.. trials.Distinct()];
        var byConfiguration = new Dictionary<CampaignConfiguration, IMapping<TWeights>>();
        foreach (var mapping in mappings)
        {
            ArgumentNullException.ThrowIfNull(mapping, nameof(mappings));
            if (!byConfiguration.TryAdd(CampaignConfiguration.Of(mapping), mapping))
            {
                throw new ArgumentException($"Two mappings make the configuration {CampaignConfiguration.Of(mapping)}; a campaign tells mappings apart by name, scheme and sparsity.", nameof(mappings));
            }
        }

        if (all.FirstOrDefault(t => !byConfiguration.ContainsKey(t.Configuration)) is { } stray)
        {
            throw new ArgumentException($"The trial {stray} names a configuration that none of the mappings has.", nameof(trials));
        }

        var pending = all.Where(t => !file.Contains(t)).ToList();
        int skipped = all.Length - pending.Count, completed = 0;
        foreach (var (configuration, mapping) in byConfiguration)
        {
            var mine = pending.Where(t => t.Configuration == configuration).ToList();
            if (mine.Count == 0 || cancellationToken.IsCancellationRequested)
            {
                continue;
            }

            var evaluation = new MappingEvaluation<TWeights>(mapping, networkOf(mapping), test);
            int before = completed;
            var result = new CampaignRunner(evaluation.CreateWorker, workers)
                .Run(mine, file, p => progress?.Invoke(mapping, skipped + before + p.Completed, all.Length), cancellationToken);
            completed += result.Completed;
        }

        return new CampaignRunResult(completed, skipped, pending.Count - completed);
    }
}
