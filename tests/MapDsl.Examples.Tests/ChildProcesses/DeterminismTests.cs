using Xunit.Abstractions;
using MapDsl.Examples.Tests.Support;

namespace MapDsl.Examples.Tests.ChildProcesses;

/// <summary>
/// The real experiment's trials.csv rows (sorted) and the files made from them do not depend on the number of worker
/// threads, the number of shards, the culture the program runs in, or the run: each case below is a separate run in a
/// child process compared with the in-process reference (invariant culture, 2 workers, unsplit). The same
/// comparisons on a cheap worker, with more combinations, are MapDsl.Runtime.Tests' CampaignDeterminismTests; the
/// kill test adds runs interrupted at random points.
/// </summary>
[Collection(ChildProcessCollection.Name)]
public sealed class DeterminismTests : IDisposable
{
    private readonly ReferenceRun _reference;
    private readonly ITestOutputHelper _log;
    private readonly TempFolder _root = new("determinism");

    public DeterminismTests(ReferenceRun reference, ITestOutputHelper log)
    {
        _reference = reference;
        _log = log;
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public void One_worker_under_a_decimal_comma_culture_gives_the_reference_files()
    {
        string folder = _root.File("one-worker");

        Run("de-DE", [.. ReferenceRun.Options, "--out", folder, "--workers", "1"]);

        _reference.ShouldEqual(folder);
    }

    [Fact]
    public void Three_shards_under_tr_TR_merged_under_de_DE_give_the_reference_files()
    {
        string[] shards = [.. Enumerable.Range(1, 3).Select(i => _root.File($"shard-{i}-of-3"))];
        string merged = _root.File("merged");

        // Side by side, as a job array runs them: each shard prepares its own networks in its own folder.
        var running = shards.Select((folder, i) => ExperimentProcess.Start([.. ReferenceRun.Options, "--out", folder, "--workers", "1", "--shard", $"{i + 1}/3"], "tr-TR")).ToList();
        try
        {
            foreach (var shard in running)
            {
                shard.WaitForExit(ExperimentProcess.Patience).ShouldBe(0, shard.Output);
            }
        }
        finally
        {
            running.ForEach(shard => shard.Dispose());
        }

        Run("de-DE", [.. ReferenceRun.Options, "--merge", .. shards, "--out", merged]);

        _reference.ShouldEqual(merged);
    }

    private void Run(string culture, string[] command)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var run = ExperimentProcess.Start(command, culture);
        run.WaitForExit(ExperimentProcess.Patience).ShouldBe(0, run.Output);
        _log.WriteLine($"{string.Join(' ', command)} under {culture}: {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
