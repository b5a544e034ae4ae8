namespace MapDsl.Runtime.Faults;

/// <summary>
/// The first k entries of a uniformly random permutation of 0..n-1, drawn lazily by a partial Fisher-Yates shuffle:
/// step i swaps position i with a uniform position in [i, n) and emits what lands at i. Entries past k are never
/// touched, and the draws do not depend on k, so a longer prefix extends a shorter one (the basis of nested faults).
/// </summary>
internal static class PermutationPrefix
{
    /// <summary>
    /// Up to this many units, <see cref="PermutationStorage.Automatic"/> shuffles in a per-thread identity array that
    /// is kept between calls (4 MB at most, plus as much to record the writes): each call costs O(k) with no
    /// allocation and no hashing, whatever k is.
    /// </summary>
    public const int ScratchUnits = 1 << 20;

    public static void Append(ref Xoshiro256StarStar random, long units, long count, PermutationStorage storage, List<long> into)
    {
        if (count == 0)
        {
            return;
        }

        into.EnsureCapacity(checked((int)(into.Count + count)));
        if (storage == PermutationStorage.Automatic && units <= ScratchUnits)
        {
            AppendScratch(ref random, (int)units, (int)count, into);
            return;
        }

        bool dense = storage switch
        {
            PermutationStorage.Dense => true,
            PermutationStorage.Sparse => false,
            _ => count >= units / UnitSampler.DenseFraction,
        };

        // The dense array holds unit numbers as int, so it is only possible below Array.MaxLength units.
        if (dense && units <= Array.MaxLength)
        {
            AppendDense(ref random, (int)units, (int)count, into);
        }
        else
        {
            AppendSparse(ref random, units, count, into);
        }
    }

    // The dense shuffle in an identity array that outlives the call: only the positions the shuffle writes (the j of
    // each step) differ from the identity afterwards, so putting those back costs O(k) instead of filling n entries.
    // The same swaps as AppendDense, so the same units.
    private static void AppendScratch(ref Xoshiro256StarStar random, int units, int count, List<long> into)
    {
        var scratch = PermutationScratch.Take(units, count);
        int[] permutation = scratch.Permutation;
        int[] written = scratch.Written;
        for (int i = 0; i < count; i++)
        {
            int j = i + (int)random.NextBelow(units - i);
            int chosen = permutation[j];
            permutation[j] = permutation[i];
            written[i] = j;
            into.Add(chosen);
        }

        foreach (int j in written.AsSpan(0, count))
        {
            permutation[j] = j;
        }

        PermutationScratch.Return(scratch);
    }

    /// <summary>
    /// The units <see cref="Append"/> gives for <see cref="PermutationStorage.Automatic"/> at most
    /// <see cref="ScratchUnits"/> units (the same swaps in the per-thread scratch), marked as bits in
    /// <paramref name="words"/> instead of appended to a list: for callers that only need the set.
    /// </summary>
    public static void MarkScratch(ref Xoshiro256StarStar random, int units, int count, ulong[] words)
    {
        if (count == 0)
        {
            return;
        }

        var scratch = PermutationScratch.Take(units, count);
        int[] permutation = scratch.Permutation;
        int[] written = scratch.Written;
        for (int i = 0; i < count; i++)
        {
            int j = i + (int)random.NextBelow(units - i);
            int chosen = permutation[j];
            permutation[j] = permutation[i];
            written[i] = j;
            words[chosen >> 6] |= 1UL << chosen;
        }

        foreach (int j in written.AsSpan(0, count))
        {
            permutation[j] = j;
        }

        PermutationScratch.Return(scratch);
    }

    private static void AppendDense(ref Xoshiro256StarStar random, int units, int count, List<long> into)
    {
        var permutation = new int[units];
        for (int i = 0; i < units; i++)
        {
            permutation[i] = i;
        }

        for (int i = 0; i < count; i++)
        {
            int j = i + (int)random.NextBelow(units - i);
            int chosen = permutation[j];
            permutation[j] = permutation[i];
            into.Add(chosen);
        }
    }

    // Below this many draws the displaced positions are kept in two small arrays searched linearly: for the few
    // faults per tile of realistic rates that is faster than allocating and hashing into a dictionary.
    private const int LinearLimit = 48;

    private static void AppendFew(ref Xoshiro256StarStar random, long units, int count, List<long> into)
    {
        Span<long> positions = stackalloc long[count];
        Span<long> contents = stackalloc long[count];
        int stored = 0;
        for (long i = 0; i < count; i++)
        {
            long j = i + random.NextBelow(units - i);
            long atI = Take(positions, contents, ref stored, i, i);
            long chosen = j == i ? atI : Find(positions[..stored], contents, j);
            if (j != i)
            {
                Put(positions, contents, ref stored, j, atI);
            }

            into.Add(chosen);
        }
    }

    // The content of position `at` (itself if never displaced), removing its entry: it is never read again.
    private static long Take(Span<long> positions, Span<long> contents, ref int stored, long at, long fallback)
    {
        int index = positions[..stored].IndexOf(at);
        if (index < 0)
        {
            return fallback;
        }

        long content = contents[index];
        stored--;
        positions[index] = positions[stored];
        contents[index] = contents[stored];
        return content;
    }

    private static long Find(ReadOnlySpan<long> positions, ReadOnlySpan<long> contents, long at)
    {
        int index = positions.IndexOf(at);
        return index < 0 ? at : contents[index];
    }

    private static void Put(Span<long> positions, Span<long> contents, ref int stored, long at, long content)
    {
        int index = positions[..stored].IndexOf(at);
        if (index < 0)
        {
            index = stored++;
            positions[index] = at;
        }

        contents[index] = content;
    }

    private static void AppendSparse(ref Xoshiro256StarStar random, long units, long count, List<long> into)
    {
        if (count <= LinearLimit)
        {
            AppendFew(ref random, units, (int)count, into);
            return;
        }

        // Only positions whose content differs from their index are stored; position i is never read again after
        // step i, so its entry is removed there and the dictionary stays at most k entries.
        var displaced = new Dictionary<long, long>((int)Math.Min(count, 1 << 20));
        for (long i = 0; i < count; i++)
        {
            long j = i + random.NextBelow(units - i);
            long atI = displaced.Remove(i, out long movedToI) ? movedToI : i;
            long chosen = j == i ? atI : displaced.TryGetValue(j, out long movedToJ) ? movedToJ : j;
            if (j != i)
            {
                displaced[j] = atI;
            }

            into.Add(chosen);
        }
    }
}
