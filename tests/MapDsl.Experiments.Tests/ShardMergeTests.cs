using MapDsl.Runtime.Campaigns;
using Spectre.Console;

namespace MapDsl.Experiments.Tests;

/// <summary>
/// Merges that must be refused: a shard folder that is missing, a shard not given or not finished, a trial two shards
/// disagree on, a shard run with other options, a corrupt shard file. Each error names the shard (its folder or
/// file, or which shard of how many), nothing is written to the merge folder, and no shard file is changed.
/// </summary>
public sealed class ShardMergeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mapdsl-merge-").FullName;
    private readonly MadeUpExperiment _experiment = new();
    private readonly string[] _shards;

    public ShardMergeTests()
    {
        _shards = [.. new[] { "1/3", "2/3", "3/3" }.Select(shard => RunShard(shard))];
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Merged => Path.Combine(_root, "merged");

    [Fact]
    public void A_shard_not_given_is_named_by_its_number()
    {
        var error = Refused<InvalidDataException>([_shards[0], _shards[2]]);

        error.Message.ShouldContain("stuck-on trials do not cover the plan");
        error.Message.ShouldContain("split into 3 shard(s): shard 2/3 was not given");
    }

    [Fact]
    public void An_unfinished_shard_is_named_with_its_folder()
    {
        string file = Path.Combine(_shards[1], "mixed", "trials.csv");
        string[] lines = File.ReadAllLines(file);
        File.WriteAllText(file, string.Join('\n', lines[..^2]) + "\n" + lines[^2][..5]); // the last row lost, the one before torn

        var error = Refused<InvalidDataException>(_shards);

        error.Message.ShouldContain($"shard 2/3 ({_shards[1]}) is unfinished: 2 of its {lines.Length - 1} trials are missing");
    }

    [Fact]
    public void A_shard_that_finished_nothing_is_named_with_its_folder()
    {
        File.WriteAllText(Path.Combine(_shards[2], "trials.csv"), TrialColumns.StuckCells.Header + "\n");

        Refused<InvalidDataException>(_shards).Message.ShouldContain($"The shard in {_shards[2]} has not finished any trial yet.");
    }

    [Fact]
    public void A_missing_shard_folder_is_named()
    {
        string absent = Path.Combine(_root, "shard-4");

        Refused<DirectoryNotFoundException>([.. _shards, absent]).Message.ShouldContain($"The shard folder {absent} does not exist");
    }

    [Fact]
    public void A_shard_folder_without_trials_is_named()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;

        Refused<FileNotFoundException>([.. _shards, empty]).Message.ShouldContain($"The shard folder {empty} has no stuck-on trials");
    }

    [Fact]
    public void A_trial_two_shards_disagree_on_names_both_files()
    {
        string first = Path.Combine(_shards[0], "trials.csv");
        string third = Path.Combine(_shards[2], "trials.csv");
        TrialRow row = TrialsFile.ReadRows(first)[1];
        File.AppendAllText(third, TrialColumns.StuckCells.Line(row.Trial, row.Accuracy / 2) + "\n");

        var error = Refused<CampaignFileException>(_shards);

        error.Path.ShouldBe(third);
        error.Message.ShouldContain($"in {first}, line 3");
    }

    [Fact]
    public void A_shard_of_another_plan_is_named()
    {
        string other = RunShard("3/3", "--chips", "4");

        var error = Refused<InvalidDataException>([_shards[0], _shards[1], other]);

        error.Message.ShouldStartWith(Path.Combine(other, "trials.csv") + ": the trial ");
        error.Message.ShouldContain("is not in the stuck-on plan of these options");
    }

    [Fact]
    public void A_corrupt_shard_file_is_named_with_its_line_and_no_campaign_is_merged()
    {
        // The first campaign's shards are fine: it must not be merged either, or the merge folder would be half-written.
        string file = Path.Combine(_shards[1], "mixed", "trials.csv");
        string[] lines = File.ReadAllLines(file);
        lines[3] = lines[3].Replace(',', ';');
        File.WriteAllText(file, string.Join('\n', lines) + "\n");

        var error = Refused<CampaignFileException>(_shards);

        (error.Path, error.Line).ShouldBe((file, 4));
    }

    [Fact]
    public void The_command_exits_with_1_and_prints_the_shard()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 10_000; // one line per message, so the words are not split by wrapping

        _experiment.Command(console).Parse(["--out", Merged, "--twice", "--merge", _shards[0], _shards[1]]).Invoke().ShouldBe(1);

        output.ToString().ShouldContain("shard 3/3 was not given");
        Directory.Exists(Merged).ShouldBeFalse();
    }

    private string RunShard(string shard, params string[] options)
    {
        string folder = Path.Combine(_root, $"shard-{shard.Replace('/', '-')}{string.Concat(options)}");
        _experiment.Run(_experiment.SettingsOf(["--out", folder, "--twice", "--shard", shard, .. options]), AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), CancellationToken.None);
        return folder;
    }

    private TError Refused<TError>(string[] shards)
        where TError : Exception
    {
        var before = Snapshot(shards);

        var error = Should.Throw<TError>(() => _experiment.Merge(shards, _experiment.SettingsOf("--out", Merged, "--twice")));

        Directory.Exists(Merged).ShouldBeFalse("a refused merge writes nothing");
        Snapshot(shards).ShouldBe(before, "a merge never changes a shard's files");
        return error;
    }

    private static List<string> Snapshot(IEnumerable<string> folders) =>
        [.. folders.Where(Directory.Exists).SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)).Order(StringComparer.Ordinal)
            .Select(file => $"{file} {File.GetLastWriteTimeUtc(file):O} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)))}")];
}
