using System.Runtime.CompilerServices;

namespace MapDsl.Generator.Tests.Support;

/// <summary>
/// A small stand-in for Verify: compares text with a checked-in <c>Snapshots/NAME.verified.cs</c>
/// beside the calling test. On a difference it writes <c>NAME.received.cs</c> next to it and fails;
/// run with <c>MAPDSL_ACCEPT_SNAPSHOTS=1</c> to accept the new output as verified.
/// Snapshots are excluded from compilation (see the .csproj).
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "MAPDSL_ACCEPT_SNAPSHOTS";

    public static void Match(string actual, string name, [CallerFilePath] string callerPath = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n");

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(received, actual);
        var why = expected is null ? "no verified snapshot exists" : $"it differs from the verified snapshot at line {FirstDifferentLine(expected, actual)}";
        Assert.Fail($"Snapshot '{name}': {why}. Compare {received} with {verified}; set {AcceptVariable}=1 to accept.");
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return i + 1;
            }
        }

        return Math.Min(a.Length, b.Length) + 1;
    }
}
