using System.Globalization;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// Another run holds the output folder (<see cref="OutputFolderLock"/>). Nothing was written; the message names the
/// lock file and its holder and says what to do. An <see cref="IOException"/>, so a program that reports I/O errors
/// by their message reports this one too.
/// </summary>
public sealed class OutputFolderLockedException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="lockPath">Its lock file.</param>
    /// <param name="holder">Who holds it, or null when its holder file is missing or unreadable.</param>
    /// <param name="inner">The failed open of the lock file.</param>
    public OutputFolderLockedException(string folder, string lockPath, LockHolder? holder, Exception? inner = null)
        : base(Describe(folder, lockPath, holder), inner)
    {
        Folder = folder;
        LockPath = lockPath;
        Holder = holder;
    }

    /// <summary>The output folder.</summary>
    public string Folder { get; }

    /// <summary>The lock file.</summary>
    public string LockPath { get; }

    /// <summary>The holder its holder file names, or null if unknown.</summary>
    public LockHolder? Holder { get; }

    private static string Describe(string folder, string lockPath, LockHolder? holder)
    {
        // A holder file naming a process that is gone is the leftover of a killed run, written before the current
        // holder (which has just started) replaced it: the current holder is unknown then, not the dead one.
        string who = holder is { IsRunning: true }
            ? string.Create(CultureInfo.InvariantCulture, $"process {holder.ProcessId} (running since {holder.Started.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: {holder.CommandLine})")
            : "another process, which has just started";
        return $"The output folder {folder} is in use by another run: its lock {lockPath} is held by {who}. " +
            "Two runs in one folder would write the same files, so this one stopped before writing anything. " +
            "Wait for that run to finish or stop it (its finished trials are kept; the same command resumes it), or choose another output folder.";
    }
}
