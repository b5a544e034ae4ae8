namespace MapDsl.Fuzzing;

/// <summary>Where a fuzz input comes from: the grammar, or bytes of a shipped file mutated.</summary>
internal enum FuzzInputKind
{
    Generated,
    Mutated,
}

/// <summary>One .xmap file of a fuzz input (a generated program may be split over two files).</summary>
internal sealed record FuzzFile(string Path, string Text);

/// <summary>
/// One input of a fuzz run: the files the generator and analyzer see together, numbered so that
/// (seed, index) alone regenerates it (<see cref="FuzzInputs.At"/>).
/// </summary>
internal sealed record FuzzInput(long Index, FuzzInputKind Kind, IReadOnlyList<FuzzFile> Files, string Origin)
{
    public int Length => Files.Sum(f => f.Text.Length);

    /// <summary>The files as one text for a failure message: each under a header with its path.</summary>
    public string Describe() =>
        $"input {Index} ({Kind}, {Origin}):\n" + string.Join("\n", Files.Select(f => $"----- {f.Path} -----\n{f.Text}"));
}
