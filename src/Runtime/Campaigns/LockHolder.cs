using System.Diagnostics;
using System.Globalization;
using MapDsl.Runtime.IO;

namespace MapDsl.Runtime.Campaigns;

/// <summary>Which process holds an output folder's lock, as its holder file says.</summary>
/// <param name="ProcessId">The holder's process id.</param>
/// <param name="Started">When it took the lock (UTC).</param>
/// <param name="CommandLine">What it runs.</param>
public sealed record LockHolder(int ProcessId, DateTimeOffset Started, string CommandLine)
{
    /// <summary>Whether a process with <see cref="ProcessId"/> runs now (it may be another one if the id was reused).</summary>
    public bool IsRunning
    {
        get
        {
            try
            {
                using var process = Process.GetProcessById(ProcessId);
                return !process.HasExited;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return false;
            }
        }
    }

    internal static LockHolder OfThisProcess(string? commandLine) =>
        new(Environment.ProcessId, DateTimeOffset.UtcNow, commandLine ?? string.Join(' ', Environment.GetCommandLineArgs()));

    /// <summary>The holder a holder file names, or null if it is missing or not one (then the holder is unknown).</summary>
    internal static LockHolder? Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        string? Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name + ": ", StringComparison.Ordinal))?[(name.Length + 2)..];
        return int.TryParse(Field("pid"), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            && DateTimeOffset.TryParse(Field("started"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset started)
            && Field("command") is { } command
            ? new LockHolder(pid, started, command)
            : null;
    }

    internal void Write(string path) => AtomicFile.WriteText(path, string.Create(CultureInfo.InvariantCulture,
        $"pid: {ProcessId}\nstarted: {Started.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\ncommand: {CommandLine.ReplaceLineEndings(" ")}\n"));
}
