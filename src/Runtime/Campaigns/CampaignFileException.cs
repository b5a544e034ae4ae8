namespace MapDsl.Runtime.Campaigns;

/// <summary>
/// A campaign file that cannot be used as it is: a wrong header, a malformed row, or two files that disagree about the
/// same trial. Campaign files are never repaired by overwriting, except for a torn last line, so the user's data is
/// left as it was when this is thrown.
/// </summary>
public sealed class CampaignFileException : Exception
{
    /// <summary>Creates the exception for a problem on one line of a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="line">1-based line number.</param>
    /// <param name="problem">What is wrong, phrased for the person who owns the file.</param>
    public CampaignFileException(string path, int line, string problem)
        : base($"{path}, line {line}: {problem}")
    {
        Path = path;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>1-based line number of the problem.</summary>
    public int Line { get; }

    /// <summary>The problem without the location (the <see cref="Exception.Message"/> is path, line and problem).</summary>
    public string Problem { get; }
}
