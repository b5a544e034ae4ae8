using MapDsl.Runtime.IO;

namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// Keeps a campaign's output folder to one process at a time: while a run holds it, a second run pointed at the same
/// folder is refused before it writes anything, with a message naming the lock file and the process that holds it.
/// </summary>
/// <remarks>
/// <para>
/// The lock is the file <see cref="LockFileName"/> in the folder, held open with <see cref="FileShare.None"/>; on
/// Linux and macOS .NET takes an advisory <c>flock</c> for that, on Windows a share mode. Either way the operating
/// system releases it when the process ends, however it ends, so a run killed with SIGKILL leaves no stale lock and
/// the same command resumes at once. The file itself stays (empty) after the run: deleting it would let a process
/// that still has the old file open and one that creates a new file both believe they hold the lock.
/// </para>
/// <para>
/// Who holds the lock is written to <see cref="HolderFileName"/> beside it (pid, start time, command line), for the
/// refusal message. It cannot live in the lock file: on Unix, .NET takes a shared <c>flock</c> to read a file, which
/// the holder's exclusive one refuses. The holder file is removed when the lock is released normally; one left by a
/// killed run is only ever read while some live process holds the lock, and the next holder replaces it.
/// </para>
/// </remarks>
public sealed class OutputFolderLock : IDisposable
{
    /// <summary>The lock file's name in the output folder.</summary>
    public const string LockFileName = ".mapdsl.lock";

    /// <summary>The name of the file beside the lock that says which process holds it.</summary>
    public const string HolderFileName = ".mapdsl.lock.holder";

    private readonly FileStream _lock;
    private readonly string _holderPath;

    private OutputFolderLock(string folder, FileStream lockStream, string holderPath)
    {
        Folder = folder;
        _lock = lockStream;
        _holderPath = holderPath;
    }

    /// <summary>The output folder, as a full path.</summary>
    public string Folder { get; }

    /// <summary>The lock file's full path.</summary>
    public string LockPath => _lock.Name;

    /// <summary>
    /// Takes the lock of <paramref name="folder"/>, creating the folder if needed; fails at once rather than waiting
    /// when another process (or another run in this process) holds it.
    /// </summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="commandLine">What the holder runs, for the message another process gets; null for this process's command line.</param>
    /// <returns>The held lock; dispose it to release.</returns>
    /// <exception cref="OutputFolderLockedException">Another run holds the folder.</exception>
    /// <exception cref="IOException">The folder or the lock file cannot be created.</exception>
    public static OutputFolderLock Acquire(string folder, string? commandLine = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        string full = Path.GetFullPath(folder);
        Directory.CreateDirectory(full);
        string lockPath = Path.Combine(full, LockFileName);
        string holderPath = Path.Combine(full, HolderFileName);
        FileStream lockStream;
        try
        {
            lockStream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException busy) when (SharingViolation.Is(busy))
        {
            throw new OutputFolderLockedException(full, lockPath, LockHolder.Read(holderPath), busy);
        }

        try
        {
            LockHolder.OfThisProcess(commandLine).Write(holderPath);
            return new OutputFolderLock(full, lockStream, holderPath);
        }
        catch
        {
            lockStream.Dispose();
            throw;
        }
    }

    /// <summary>Releases the lock (the holder file first, so that the next holder's is never removed).</summary>
    public void Dispose()
    {
        if (!_lock.CanRead)
        {
            return;
        }

        try
        {
            File.Delete(_holderPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A holder file that cannot be removed is harmless: it is read only while someone holds the lock.
        }

        _lock.Dispose();
    }
}
