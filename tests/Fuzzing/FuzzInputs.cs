using CsCheck;

namespace MapDsl.Fuzzing;

/// <summary>
/// The inputs of a fuzz run, each a pure function of (seed, index): even indexes are programs from
/// the grammar, odd ones mutated shipped files. Each input draws from its own PCG stream, so a run
/// gives the same inputs whatever the number of threads, and one input can be regenerated alone.
/// CsCheck's own runner (Sample) is not used: it reads CsCheck_Iter, CsCheck_Seed and others from
/// the environment, and a fuzz run must be bounded and reproducible whatever the environment says.
/// </summary>
internal sealed class FuzzInputs
{
    // Of every 5 generated programs: 2 clean (they must bind and compile), then little, some and much noise.
    private static readonly (int NoisePerMille, int MaxEdits)[] Levels = [(0, 0), (0, 0), (20, 0), (50, 2), (200, 4)];

    private readonly ulong _seed;
    private readonly XmapPrograms[] _programs;
    private readonly Gen<(string Origin, string Text)> _mutated;

    public FuzzInputs(ulong seed, IReadOnlyList<FuzzFile> corpus)
    {
        _seed = seed;
        _programs = [.. Levels.Select(level => new XmapPrograms(level.NoisePerMille, level.MaxEdits))];
        _mutated = ByteMutator.Of(corpus);
    }

    public static FuzzInputKind KindAt(long index) => index % 2 == 0 ? FuzzInputKind.Generated : FuzzInputKind.Mutated;

    /// <summary>Whether the program at <paramref name="index"/> is written without noise, so must bind without errors.</summary>
    public static bool IsClean(long index) => KindAt(index) == FuzzInputKind.Generated && Levels[(int)(index / 2 % Levels.Length)].NoisePerMille == 0;

    public FuzzInput At(long index)
    {
        var pcg = new PCG((uint)index, _seed);
        if (KindAt(index) == FuzzInputKind.Generated)
        {
            var level = (int)(index / 2 % Levels.Length);
            var files = _programs[level].Program.Generate(pcg, null, out _);
            return new FuzzInput(index, FuzzInputKind.Generated, files, $"grammar, noise {Levels[level].NoisePerMille}‰, up to {Levels[level].MaxEdits} edits");
        }

        var (origin, text) = _mutated.Generate(pcg, null, out _);
        return new FuzzInput(index, FuzzInputKind.Mutated, [new FuzzFile("mutated.xmap", text)], $"bytes of {origin} mutated");
    }
}
