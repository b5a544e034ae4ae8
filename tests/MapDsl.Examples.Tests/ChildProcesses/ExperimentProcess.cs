using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace MapDsl.Examples.Tests.ChildProcesses;

/// <summary>
/// examples/DifferentialMapping as a separate process, as a user or a Slurm task runs it: <c>dotnet
/// DifferentialMapping.dll</c> from this test's output folder (the project reference puts the built program there;
/// it finds the shipped model and data by walking up to MapDsl.sln). Its output is collected for the assertions.
/// </summary>
internal sealed class ExperimentProcess : IDisposable
{
    /// <summary>How long a test waits for a run of the reduced campaign before it counts as hung (minutes on a loaded machine).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ExperimentProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The process id, which the program writes into the output folder's lock holder file.</summary>
    public int Id => _process.Id;

    /// <summary>Whether it has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What it printed so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the program with <paramref name="args"/>.</summary>
    /// <param name="args">Its command line.</param>
    /// <param name="culture">A culture such as "de-DE" for the whole process (LC_ALL and LANG), or null for this one's.</param>
    /// <returns>The running process.</returns>
    public static ExperimentProcess Start(IEnumerable<string> args, string? culture = null)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DifferentialMapping.dll"));
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (culture is not null)
        {
            // .NET on Linux takes CurrentCulture (for every thread) from these, as it would from a user's shell.
            info.Environment["LC_ALL"] = info.Environment["LANG"] = culture.Replace('-', '_') + ".UTF-8";
        }

        var process = new Process { StartInfo = info };
        var started = new ExperimentProcess(process);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits for the end; a process still running after <paramref name="timeout"/> is killed and the test fails.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The exit code.</returns>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            throw new TimeoutException($"The program did not finish within {timeout.TotalSeconds} s; its output:\n{Output}");
        }

        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>Ends the process with SIGKILL (on Unix <see cref="Process.Kill()"/> sends it), as kill -9 does, and waits for it to be gone.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        _process.WaitForExit();
    }

    /// <summary>
    /// Stops the process where it is (SIGSTOP) until <see cref="Continue"/>: it keeps its open files and locks but
    /// makes no progress, so that what another process sees of it does not depend on timing.
    /// </summary>
    public void Pause() => Signal(SignalStop);

    /// <summary>Lets a paused process go on (SIGCONT).</summary>
    public void Continue() => Signal(SignalContinue);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    // The host this test runs on (testhost runs under dotnet), so that the child uses the same runtime.
    private static string DotnetHost() =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    // Linux signal numbers (x86-64 and arm64 alike).
    private const int SignalContinue = 18;
    private const int SignalStop = 19;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private void Signal(int signal)
    {
        if (SendSignal(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
