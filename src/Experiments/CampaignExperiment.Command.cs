using System.CommandLine;
using MapDsl.Runtime.Campaigns;
using MapDsl.Runtime.Data;
using MapDsl.Runtime.Faults.Files;
using MapDsl.Runtime.Interchange;
using Spectre.Console;

namespace MapDsl.Experiments;

/// <summary>The program's command: its options, what it prints, and its exit codes.</summary>
public abstract partial class CampaignExperiment<TPrepared>
{
    /// <summary>The program's command, printing to <paramref name="console"/>.</summary>
    /// <param name="console">Where messages, progress and results go.</param>
    /// <returns>The command; <c>Parse(args).Invoke()</c> runs it.</returns>
    public RootCommand Command(IAnsiConsole console)
    {
        var root = new RootCommand(Description);
        foreach (var option in _standard.All.Concat(Options))
        {
            root.Options.Add(option);
        }

        root.SetAction(result =>
        {
            ExperimentSettings settings;
            try
            {
                settings = CheckedSettings(result);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 2;
            }

            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCtrlC = (_, e) =>
            {
                // The first Ctrl-C lets the trials in flight finish and be written; a second one ends the process.
                e.Cancel = !cancel.IsCancellationRequested;
                cancel.Cancel();
                console.MarkupLine("[yellow]Stopping after the trials in flight; every finished trial is in trials.csv. Run the same command again to resume.[/]");
            };
            Console.CancelKeyPress += onCtrlC;
            try
            {
                return Execute(result.GetValue(_standard.Merge) ?? [], settings, console, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C while preparing: nothing of the campaigns has started, nothing is half-written.
                console.MarkupLine("[yellow]Stopped while preparing; run the same command again to start over.[/]");
                return 130;
            }
            catch (Exception e) when (e is CampaignFileException or IOException or UnauthorizedAccessException or DataFormatException or InterchangeFormatException or FaultMapFormatException
                or InvalidDataException or FormatException or InvalidOperationException)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 1;
            }
            finally
            {
                Console.CancelKeyPress -= onCtrlC;
            }
        });
        return root;
    }

    private int Execute(string[] mergeFolders, ExperimentSettings settings, IAnsiConsole console, CancellationToken cancel)
    {
        if (mergeFolders.Length > 0)
        {
            Print(console, settings, Campaigns(settings), Merge(mergeFolders, settings));
            console.MarkupLine($"Merged {mergeFolders.Length} shards into {Markup.Escape(settings.OutputFolder)}.");
            return 0;
        }

        var outcome = Run(settings, console, cancel);
        if (outcome.Cancelled)
        {
            console.MarkupLine("[yellow]Stopped before the end: the finished trials are on disk; run the same command again to resume.[/]");
            return 130;
        }

        if (outcome.Summaries is not { } summaries)
        {
            console.MarkupLine($"Shard {settings.Shard} done: its trials are in {Markup.Escape(settings.OutputFolder)}. Merge the shards' folders with --merge.");
            return 0;
        }

        Print(console, settings, [.. outcome.Campaigns.Select(c => c.Campaign)], summaries);
        return 0;
    }

    private static void Print(IAnsiConsole console, ExperimentSettings settings, IReadOnlyList<ExperimentCampaign> campaigns, IReadOnlyList<CampaignSummary> summaries)
    {
        for (int i = 0; i < campaigns.Count; i++)
        {
            console.Write(SummaryTable.Of(campaigns[i].Title, summaries[i]));
        }

        var folders = string.Join(", ", campaigns.Select(c => c.Folder(settings.OutputFolder)).Distinct());
        console.MarkupLine($"Wrote {Markup.Escape(Path.Combine(settings.OutputFolder, "report.md"))}, and summary.csv, curves.csv, accuracy-vs-rate.svg and trials.csv in {Markup.Escape(folders)}.");
    }
}
