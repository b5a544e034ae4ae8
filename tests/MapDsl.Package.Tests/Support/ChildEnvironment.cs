namespace MapDsl.Package.Tests.Support;

/// <summary>The environment of the dotnet commands the tests start.</summary>
internal static class ChildEnvironment
{
    /// <summary>
    /// Set by the dotnet test that runs us and pointing into its SDK and MSBuild; a child dotnet must
    /// find its own, as it does in a user's terminal.
    /// </summary>
    private static readonly string[] InheritedMsBuildVariables =
    [
        "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly",
    ];

    public static void Apply(IDictionary<string, string?> environment)
    {
        foreach (var name in InheritedMsBuildVariables)
        {
            environment.Remove(name);
        }

        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        // MSBuild nodes and the compiler server outlive the command and would inherit its output pipes;
        // waiting for the end of output would then wait for them. They only save time on repeated builds.
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["UseSharedCompilation"] = "false";
    }
}
