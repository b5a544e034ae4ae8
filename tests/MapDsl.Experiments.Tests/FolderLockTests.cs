using MapDsl.Runtime.Campaigns;
using Spectre.Console;

namespace MapDsl.Experiments.Tests;

/// <summary>The host takes the output folder's lock before it writes anything, for runs and merges alike.</summary>
public sealed class FolderLockTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mapdsl-lock-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name) => Path.Combine(_root, name);

    private static IAnsiConsole Console(StringWriter output) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors });

    [Fact]
    public void A_run_on_a_folder_another_run_holds_exits_with_1_names_the_lock_and_its_holder_and_writes_nothing()
    {
        // The other run: a lock held in this process is refused like one held by another process (flock is per open file).
        using var other = OutputFolderLock.Acquire(Folder("busy"), "the first run");
        var before = Snapshot(Folder("busy"));
        var experiment = new MadeUpExperiment();
        var output = new StringWriter();

        experiment.Command(Console(output)).Parse(["--out", Folder("busy"), "--twice"]).Invoke().ShouldBe(1);

        string message = string.Join(' ', output.ToString().Split('\n', StringSplitOptions.TrimEntries));
        message.ShouldContain($"its lock {other.LockPath} is held by process {Environment.ProcessId}");
        message.ShouldContain("the first run");
        experiment.Prepares.ShouldBe(0);
        Snapshot(Folder("busy")).ShouldBe(before);
    }

    [Fact]
    public void A_merge_into_a_folder_another_run_holds_is_refused_and_writes_nothing()
    {
        var experiment = new MadeUpExperiment();
        foreach (var shard in new[] { "1/2", "2/2" })
        {
            experiment.Run(experiment.SettingsOf("--out", Folder(shard.Replace('/', '-')), "--shard", shard), AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), CancellationToken.None);
        }

        using var other = OutputFolderLock.Acquire(Folder("merged"));
        var before = Snapshot(Folder("merged"));

        Should.Throw<OutputFolderLockedException>(() => experiment.Merge([Folder("1-2"), Folder("2-2")], experiment.SettingsOf("--out", Folder("merged"))))
            .LockPath.ShouldBe(other.LockPath);
        Snapshot(Folder("merged")).ShouldBe(before);
    }

    [Fact]
    public void A_finished_run_releases_the_folder_and_leaves_only_the_empty_lock_file()
    {
        var experiment = new MadeUpExperiment();
        var settings = experiment.SettingsOf("--out", Folder("done"));

        experiment.Run(settings, Console(new StringWriter()), CancellationToken.None).Summaries.ShouldNotBeNull();

        File.Exists(Path.Combine(Folder("done"), OutputFolderLock.HolderFileName)).ShouldBeFalse();
        new FileInfo(Path.Combine(Folder("done"), OutputFolderLock.LockFileName)).Length.ShouldBe(0);
        OutputFolderLock.Acquire(Folder("done")).Dispose();
    }

    /// <summary>Every file under the folder with its contents.</summary>
    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(path => Path.GetRelativePath(folder, path), path => Path.GetFileName(path) == OutputFolderLock.LockFileName ? string.Empty : File.ReadAllText(path));
}
