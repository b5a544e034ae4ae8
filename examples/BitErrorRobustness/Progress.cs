using Spectre.Console;

namespace BitErrorRobustness;

/// <summary>
/// Progress of a run on the console: one bar per training run and per evaluation, inside one Spectre progress display.
/// Reports may come from any thread (evaluations run patterns in parallel).
/// </summary>
internal sealed class Progress(IAnsiConsole console, ProgressContext context)
{
    /// <summary>Runs <paramref name="work"/> with a progress display on <paramref name="console"/>.</summary>
    public static T Show<T>(IAnsiConsole console, Func<Progress, T> work) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context => work(new Progress(console, context)));

    /// <summary>A new bar of <paramref name="steps"/> steps.</summary>
    public Bar Start(string description, int steps) => new(context.AddTask(Markup.Escape(description), maxValue: steps));

    /// <summary>A line of text above the bars.</summary>
    public void Note(string text) => console.MarkupLine(Markup.Escape(text));

    /// <summary>One bar.</summary>
    internal sealed class Bar(ProgressTask task)
    {
        private readonly Lock _lock = new();

        /// <summary>Sets the steps done (the bar only moves forward).</summary>
        public void Report(int done)
        {
            lock (_lock)
            {
                task.Value = Math.Max(task.Value, done);
            }
        }
    }
}
