using Spectre.Console;

namespace MapDsl.Experiments;

/// <summary>A progress bar over a campaign's pending trials, naming what is being evaluated.</summary>
internal static class TrialProgress
{
    /// <summary>Runs <paramref name="work"/>, which reports (what it evaluates, trials done) as it goes.</summary>
    public static void Show(IAnsiConsole console, int trials, Action<Action<string, int>> work, CancellationToken cancel) =>
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(progress =>
            {
                var bar = progress.AddTask("trials", maxValue: trials);
                work((what, done) =>
                {
                    bar.Description = $"{what,-15}";
                    bar.Value = done;
                });
                bar.Description = cancel.IsCancellationRequested ? "stopped" : "done";
            });
}
