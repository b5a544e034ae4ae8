using System.Diagnostics;
using System.Text;

namespace MapDsl.Package.Tests.Support;

/// <summary>Runs the dotnet CLI in a folder, as a user would type it, with a time limit.</summary>
internal static class Dotnet
{
    /// <summary>Generous for one restore + build; a hung process fails the test instead of the whole run.</summary>
    private static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(2);

    public static async Task<CommandResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var command = $"dotnet {string.Join(' ', arguments)}";
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        ChildEnvironment.Apply(start.Environment);

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeLimit = new CancellationTokenSource(TimeLimit);
        try
        {
            await process.WaitForExitAsync(timeLimit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` in {workingDirectory} took over {TimeLimit.TotalSeconds:0} s:{Environment.NewLine}{Snapshot(output)}");
        }

        return new CommandResult(command, process.ExitCode, Snapshot(output));
    }

    /// <summary>The dotnet that runs these tests (set by the SDK), so the consumer is built by the same SDK.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
