using MapDsl.Runtime.Campaigns;

namespace MapDsl.Runtime.Tests.Campaigns;

/// <summary>
/// The output folder's lock within one process (a second open of a <c>flock</c>ed file is refused in the same process
/// too). That a killed holder leaves no stale lock is checked with real processes in MapDsl.Examples.Tests
/// (KillAndResumeTests).
/// </summary>
public sealed class OutputFolderLockTests : CampaignFolder
{
    [Fact]
    public void The_holder_is_written_beside_the_lock_and_removed_on_release_while_the_lock_file_stays()
    {
        string folder = FileIn("out");
        string holderPath = Path.Combine(folder, OutputFolderLock.HolderFileName);
        using (var held = OutputFolderLock.Acquire(folder, "DifferentialMapping --out out"))
        {
            held.LockPath.ShouldBe(Path.Combine(folder, OutputFolderLock.LockFileName));
            var lines = File.ReadAllLines(holderPath);
            lines[0].ShouldBe($"pid: {Environment.ProcessId}");
            DateTimeOffset.Parse(lines[1]["started: ".Length..], System.Globalization.CultureInfo.InvariantCulture)
                .ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
            lines[2].ShouldBe("command: DifferentialMapping --out out");
        }

        File.Exists(holderPath).ShouldBeFalse();
        File.Exists(Path.Combine(folder, OutputFolderLock.LockFileName)).ShouldBeTrue();
    }

    [Fact]
    public void A_second_holder_is_refused_with_the_lock_file_and_the_holders_pid_and_nothing_is_changed()
    {
        string folder = FileIn("out");
        using var held = OutputFolderLock.Acquire(folder, "first run");
        string holderPath = Path.Combine(folder, OutputFolderLock.HolderFileName);
        string holderBefore = File.ReadAllText(holderPath);

        var refused = Should.Throw<OutputFolderLockedException>(() => OutputFolderLock.Acquire(folder, "second run"));

        refused.LockPath.ShouldBe(held.LockPath);
        refused.Holder.ShouldNotBeNull().ProcessId.ShouldBe(Environment.ProcessId);
        refused.Message.ShouldStartWith($"The output folder {folder} is in use by another run: its lock {held.LockPath} is held by process {Environment.ProcessId} (running since ");
        refused.Message.ShouldContain("UTC: first run)");
        refused.Message.ShouldContain("Wait for that run to finish or stop it");
        refused.Message.ShouldContain("choose another output folder");
        File.ReadAllText(holderPath).ShouldBe(holderBefore);
        Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order().ShouldBe([OutputFolderLock.LockFileName, OutputFolderLock.HolderFileName]);
    }

    [Fact]
    public void A_released_lock_can_be_taken_again()
    {
        string folder = FileIn("out");
        OutputFolderLock.Acquire(folder).Dispose();
        using var again = OutputFolderLock.Acquire(folder, "again");
        File.ReadAllLines(Path.Combine(folder, OutputFolderLock.HolderFileName))[2].ShouldBe("command: again");
    }

    [Fact]
    public void A_holder_file_left_by_a_dead_process_or_none_at_all_is_not_blamed()
    {
        // The lock is held, but the holder file is a killed run's leftover (a pid no process has) or missing: the
        // current holder took the lock an instant ago and has not written its own yet.
        string folder = FileIn("out");
        using var held = OutputFolderLock.Acquire(folder);
        string holderPath = Path.Combine(folder, OutputFolderLock.HolderFileName);
        const int NoSuchProcess = 2_000_000_000;
        File.WriteAllText(holderPath, $"pid: {NoSuchProcess}\nstarted: 2026-01-01T00:00:00Z\ncommand: old run\n");

        var stale = Should.Throw<OutputFolderLockedException>(() => OutputFolderLock.Acquire(folder));
        stale.Holder.ShouldNotBeNull().IsRunning.ShouldBeFalse();
        stale.Message.ShouldContain($"its lock {held.LockPath} is held by another process, which has just started.");
        stale.Message.ShouldNotContain(NoSuchProcess.ToString(System.Globalization.CultureInfo.InvariantCulture));

        File.Delete(holderPath);
        var unknown = Should.Throw<OutputFolderLockedException>(() => OutputFolderLock.Acquire(folder));
        unknown.Holder.ShouldBeNull();
        unknown.Message.ShouldContain("held by another process, which has just started.");
    }
}
