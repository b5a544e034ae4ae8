namespace MapDsl.Runtime.Faults;

/// <summary>
/// One thread's identity permutation for <see cref="PermutationPrefix"/>, kept between calls so a shuffle of a tile's
/// cells neither allocates nor fills n entries. Taken for the duration of one shuffle and given back only once the
/// identity is restored: a shuffle that throws half-way just drops it, and the next one builds a fresh array.
/// </summary>
internal sealed class PermutationScratch
{
    [ThreadStatic]
    private static PermutationScratch? _idle;

    private PermutationScratch(int units)
    {
        Permutation = new int[units];
        for (int i = 0; i < units; i++)
        {
            Permutation[i] = i;
        }
    }

    /// <summary>Position i holds i on every entry, until a shuffle writes it.</summary>
    public int[] Permutation { get; }

    /// <summary>The position written at each step of the current shuffle, to restore the identity from.</summary>
    public int[] Written { get; private set; } = [];

    /// <summary>This thread's scratch, at least <paramref name="units"/> long, with room to record <paramref name="steps"/> writes.</summary>
    public static PermutationScratch Take(int units, int steps)
    {
        var scratch = _idle ?? new PermutationScratch(units);
        _idle = null;
        if (scratch.Permutation.Length < units)
        {
            // Grow to the largest stream seen, so alternating sizes do not rebuild the array every call.
            scratch = new PermutationScratch(Math.Max(units, Math.Min(2 * scratch.Permutation.Length, PermutationPrefix.ScratchUnits)));
        }

        if (scratch.Written.Length < steps)
        {
            scratch.Written = new int[Math.Max(steps, Math.Min(2 * scratch.Written.Length, PermutationPrefix.ScratchUnits))];
        }

        return scratch;
    }

    /// <summary>Gives the scratch back; every entry must hold its own index again.</summary>
    public static void Return(PermutationScratch scratch) => _idle = scratch;
}
