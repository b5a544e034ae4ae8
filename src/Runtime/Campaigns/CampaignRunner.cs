using System.Runtime.ExceptionServices;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// Runs the trials of a plan or shard that a <see cref="TrialsFile"/> does not have yet, on several threads, and
/// appends each result as soon as it is known. The runner only dispatches: which trial a thread gets depends on
/// timing, but every result comes from <see cref="ITrialWorker.Evaluate"/> of that trial alone, so the rows (as a set)
/// do not depend on the number of threads, on interruptions or on resuming.
/// </summary>
public sealed class CampaignRunner
{
    private readonly Func<ITrialWorker> _createWorker;

    /// <summary>Creates a runner.</summary>
    /// <param name="createWorker">Makes one worker per thread; called on that thread.</param>
    /// <param name="workers">Threads to run on; 0 means <see cref="Environment.ProcessorCount"/>.</param>
    public CampaignRunner(Func<ITrialWorker> createWorker, int workers = 0)
    {
        ArgumentNullException.ThrowIfNull(createWorker);
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        _createWorker = createWorker;
        Workers = workers == 0 ? Environment.ProcessorCount : workers;
    }

    /// <summary>Threads a run uses (fewer if fewer trials are left).</summary>
    public int Workers { get; }

    /// <summary>
    /// Runs every trial of <paramref name="trials"/> that <paramref name="file"/> lacks, handing them out in list order
    /// from a shared queue. Each result is appended to the file (and flushed) as soon as it is known, then
    /// <paramref name="progress"/> is called, serially, with the counts so far.
    /// </summary>
    /// <remarks>
    /// Cancelling stops handing out trials; the trials in flight finish and are written, and the result says how many
    /// are left. If a worker throws (or returns an accuracy outside [0, 1]), no new trials are handed out, the other
    /// threads finish and write their trials, and then the first exception is rethrown with its original stack
    /// trace; nothing that finished is lost.
    /// </remarks>
    /// <param name="trials">The plan's trials or a shard; repeats are run once.</param>
    /// <param name="file">The open trials file to skip from and append to.</param>
    /// <param name="progress">Called after each finished trial, never concurrently; null for none.</param>
    /// <param name="cancellationToken">Stops handing out new trials.</param>
    /// <returns>Counts of completed, skipped and left trials.</returns>
    public CampaignRunResult Run(IEnumerable<Trial> trials, TrialsFile file, Action<CampaignProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(file);
        Trial[] distinct = [.. trials.Distinct()];
        Trial[] pending = [.. distinct.Where(trial => !file.Contains(trial))];
        int skipped = distinct.Length - pending.Length;

        var state = new RunState(pending, file, progress, skipped, distinct.Length, cancellationToken);
        int threads = Math.Min(Workers, pending.Length);
        var running = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            running[i] = new Thread(() => state.Work(_createWorker))
            {
                IsBackground = true,
                Name = $"campaign worker {i + 1}",
            };
            running[i].Start();
        }

        foreach (Thread thread in running)
        {
            thread.Join();
        }

        state.Failure?.Throw();
        return new CampaignRunResult(state.Completed, skipped, pending.Length - state.Completed);
    }

    /// <summary>The queue and counters the threads of one run share.</summary>
    private sealed class RunState(Trial[] pending, TrialsFile file, Action<CampaignProgress>? progress, int skipped, int total, CancellationToken cancellation)
    {
        private readonly Lock _reporting = new();
        private int _next = -1;
        private int _completed;
        private volatile bool _stopped;

        public int Completed => Volatile.Read(ref _completed);

        public ExceptionDispatchInfo? Failure { get; private set; }

        public void Work(Func<ITrialWorker> createWorker)
        {
            try
            {
                ITrialWorker worker = createWorker();
                while (!_stopped && !cancellation.IsCancellationRequested)
                {
                    int index = Interlocked.Increment(ref _next);
                    if (index >= pending.Length)
                    {
                        return;
                    }

                    Trial trial = pending[index];
                    double accuracy = worker.Evaluate(trial);
                    if (!(accuracy >= 0 && accuracy <= 1))
                    {
                        throw new InvalidOperationException($"The worker returned accuracy {RateText.Format(accuracy)} for {trial}; accuracy must be a fraction in [0, 1].");
                    }

                    file.Append(trial, accuracy);
                    lock (_reporting)
                    {
                        // Counted under the lock, so progress reports arrive in increasing order.
                        int completed = Interlocked.Increment(ref _completed);
                        progress?.Invoke(new CampaignProgress(completed, skipped, total, trial, accuracy));
                    }
                }
            }
            catch (Exception failure)
            {
                _stopped = true;
                lock (_reporting)
                {
                    Failure ??= ExceptionDispatchInfo.Capture(failure);
                }
            }
        }
    }
}
