using System.CommandLine;
using MapDsl.Runtime.Campaigns;
using Spectre.Console;

namespace MapDsl.Experiments;

/// <summary>
/// A fault-campaign experiment program: its command line, its campaigns run one after the other into their folders
/// (resumable, shardable, mergeable), and its report. A subclass says only what is specific to its paper: its
/// campaigns, how it prepares its networks and data, how a trial is evaluated, and what its report says.
/// </summary>
/// <typeparam name="TPrepared">What the experiment prepares before its campaigns (networks, test set).</typeparam>
public abstract partial class CampaignExperiment<TPrepared>
    where TPrepared : class
{
    private readonly StandardOptions _standard;

    /// <summary>Creates the experiment.</summary>
    /// <param name="description">What it does, for --help.</param>
    /// <param name="defaults">The defaults of its standard options.</param>
    protected CampaignExperiment(string description, ExperimentDefaults defaults)
    {
        Description = description;
        _standard = new StandardOptions(defaults);
    }

    /// <summary>What the experiment does, for --help.</summary>
    public string Description { get; }

    /// <summary>The experiment's own options beside the standard ones; read them with <see cref="ExperimentSettings.Value{T}"/>.</summary>
    protected IList<Option> Options { get; } = [];

    /// <summary>The campaigns the settings ask for, in the order they run. Throw FormatException or ArgumentException for a bad option value.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The campaigns.</returns>
    public abstract IReadOnlyList<ExperimentCampaign> Campaigns(ExperimentSettings settings);

    /// <summary>Loads data and prepares the networks the campaigns evaluate (e.g. pruned and fine-tuned).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="console">For progress and what was prepared.</param>
    /// <param name="cancel">Ctrl-C: throw <see cref="OperationCanceledException"/>; nothing of the campaigns has started.</param>
    /// <returns>What the trials need.</returns>
    protected abstract TPrepared Prepare(ExperimentSettings settings, IAnsiConsole console, CancellationToken cancel);

    /// <summary>Evaluates pending trials of a campaign and appends each to <paramref name="file"/> as it finishes.</summary>
    /// <param name="prepared">What <see cref="Prepare"/> returned.</param>
    /// <param name="campaign">The campaign.</param>
    /// <param name="pending">Its trials not in the file yet.</param>
    /// <param name="file">Its trials file.</param>
    /// <param name="workers">Threads to use.</param>
    /// <param name="progress">Tell it (what is evaluated, trials done) as trials finish.</param>
    /// <param name="cancel">Ctrl-C: stop after the trials in flight.</param>
    protected abstract void RunTrials(
        TPrepared prepared, ExperimentCampaign campaign, IReadOnlyList<Trial> pending, TrialsFile file, int workers, Action<string, int> progress, CancellationToken cancel);

    /// <summary>
    /// Work that needs every campaign's results and what was prepared, e.g. retraining chips by a map the campaigns
    /// measured; runs after the campaigns of a complete run (not after a merge), before the report. Nothing by default.
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <param name="prepared">What <see cref="Prepare"/> returned.</param>
    /// <param name="summaries">One summary per campaign.</param>
    /// <param name="console">For progress.</param>
    /// <param name="cancel">Ctrl-C: throw <see cref="OperationCanceledException"/>; the run counts as stopped.</param>
    protected virtual void AfterCampaigns(ExperimentSettings settings, TPrepared prepared, IReadOnlyList<CampaignSummary> summaries, IAnsiConsole console, CancellationToken cancel)
    {
    }

    /// <summary>Writes report.md into the output folder once every campaign is complete.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="prepared">What was prepared, or null when the summaries were merged from shards.</param>
    /// <param name="summaries">One summary per campaign, in the order of <see cref="Campaigns"/>.</param>
    protected abstract void WriteReport(ExperimentSettings settings, TPrepared? prepared, IReadOnlyList<CampaignSummary> summaries);

    /// <summary>Runs the program with its command line; returns the process exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>0 done, 1 failed (message printed), 2 bad option, 130 stopped by Ctrl-C.</returns>
    public int Run(string[] args) => Command(AnsiConsole.Console).Parse(args).Invoke();

    /// <summary>The settings a command line asks for; throws FormatException or ArgumentException naming the bad option.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The settings.</returns>
    public ExperimentSettings SettingsOf(params string[] args)
    {
        var result = Command(AnsiConsole.Console).Parse(args);
        if (result.Errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", result.Errors.Select(e => e.Message)));
        }

        return CheckedSettings(result);
    }

    /// <summary>
    /// Prepares, then runs every campaign's pending trials (those not in its trials.csv yet, of this run's shard) and
    /// writes its summary, curves and plot; writes the report when every campaign is complete. Holds the output
    /// folder's <see cref="OutputFolderLock"/> throughout, so a second run on the same folder is refused.
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <param name="console">Progress and messages.</param>
    /// <param name="cancel">Ctrl-C: the trials in flight finish and are written, then the run stops.</param>
    /// <returns>What the run found.</returns>
    /// <exception cref="OutputFolderLockedException">Another run holds the output folder; nothing was written.</exception>
    public ExperimentOutcome<TPrepared> Run(ExperimentSettings settings, IAnsiConsole console, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var campaigns = Campaigns(settings);
        // Held until the report is written: preparing already writes into the folder (the models cache).
        using var folderLock = OutputFolderLock.Acquire(settings.OutputFolder);
        var prepared = Prepare(settings, console, cancel);
        var outcomes = new List<CampaignOutcome>();
        foreach (var campaign in campaigns.TakeWhile(_ => !cancel.IsCancellationRequested))
        {
            outcomes.Add(RunCampaign(prepared, campaign, settings, console, cancel));
        }

        var outcome = new ExperimentOutcome<TPrepared>(prepared, outcomes, cancel.IsCancellationRequested);
        if (outcome.Summaries is { } summaries)
        {
            try
            {
                AfterCampaigns(settings, prepared, summaries, console, cancel);
            }
            catch (OperationCanceledException)
            {
                return outcome with { Cancelled = true };
            }

            WriteReport(settings, prepared, summaries);
        }

        return outcome;
    }

    /// <summary>Merges the output folders of shards into the settings' output folder: the files and report one unsplit run writes.</summary>
    /// <param name="shardFolders">The shards' output folders.</param>
    /// <param name="settings">The settings; the plan options must be those the shards ran with.</param>
    /// <returns>The summaries, one per campaign.</returns>
    /// <exception cref="InvalidDataException">The shards' trials are not exactly the plan's; the message names the shard.</exception>
    /// <exception cref="CampaignFileException">A shard's trials file is malformed, or two shards disagree about a trial.</exception>
    /// <exception cref="IOException">A shard folder or its trials file does not exist.</exception>
    /// <exception cref="OutputFolderLockedException">Another run holds the output folder; nothing was written.</exception>
    public IReadOnlyList<CampaignSummary> Merge(IReadOnlyList<string> shardFolders, ExperimentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // Every campaign's shards are read and checked before anything is written, so a refused merge writes nothing,
        // not even the output folder with its lock.
        var merged = Campaigns(settings).Select(c => (Campaign: c, Rows: ShardRows.Read(c, shardFolders))).ToList();
        using var folderLock = OutputFolderLock.Acquire(settings.OutputFolder);
        IReadOnlyList<CampaignSummary> summaries = [.. merged.Select(m => CampaignFiles.WriteMerged(m.Campaign, m.Campaign.Folder(settings.OutputFolder), m.Rows))];
        WriteReport(settings, null, summaries);
        return summaries;
    }

    private CampaignOutcome RunCampaign(TPrepared prepared, ExperimentCampaign campaign, ExperimentSettings settings, IAnsiConsole console, CancellationToken cancel)
    {
        var folder = campaign.Folder(settings.OutputFolder);
        Directory.CreateDirectory(folder);
        IReadOnlyList<Trial> trials = settings.Shard is { } shard ? campaign.Plan.Shard(shard) : campaign.Plan.Trials;
        var path = Path.Combine(folder, CampaignFiles.Trials);
        using (var file = TrialsFile.Open(path, campaign.Plan.Columns))
        {
            if (file.DroppedLine is { } torn)
            {
                console.MarkupLine($"[yellow]Dropped the torn last line of {Markup.Escape(path)}, '{Markup.Escape(torn)}': a stopped run was writing it; its trial runs again.[/]");
            }

            var pending = trials.Where(t => !file.Contains(t)).ToList();
            console.MarkupLine($"[bold]{Markup.Escape(campaign.Title)}[/]: {trials.Count} trials ({campaign.Plan.Trials.Count} in the plan), {trials.Count - pending.Count} already in {Markup.Escape(path)}");
            if (pending.Count > 0)
            {
                TrialProgress.Show(console, pending.Count, progress => RunTrials(prepared, campaign, pending, file, settings.Workers, progress, cancel), cancel);
            }
        }

        return settings.Shard is not null || cancel.IsCancellationRequested
            ? new CampaignOutcome(campaign, folder, null)
            : new CampaignOutcome(campaign, folder, CampaignFiles.Write(campaign, folder, TrialsFile.ReadRows(path)));
    }

    private ExperimentSettings CheckedSettings(ParseResult result)
    {
        var settings = _standard.Settings(result);
        _ = Campaigns(settings); // the experiment's own options are checked here
        return settings;
    }
}
