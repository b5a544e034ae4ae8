namespace MapDsl.Package.Tests.Support;

/// <summary>How a dotnet command ended and everything it printed (stdout and stderr, in order of arrival).</summary>
internal sealed record CommandResult(string Command, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public string[] Lines => Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Shouldly prints this when an assertion fails, so a red test shows the whole build log.</summary>
    public override string ToString() => $"`{Command}` exited with {ExitCode}:{Environment.NewLine}{Output}";
}
