using System.Numerics;
using System.Runtime.InteropServices;

namespace MapDsl.Runtime.Faults;

/// <summary>
/// Two bitsets over a stream's units, used to sort drawn units (distinct numbers) by marking them and reading the
/// bits back in order: O(units / 64) words plus O(k), far below a comparison sort once the draws are not very sparse.
/// Every word is zero between uses (whoever reads a word clears it), so a use never pays for clearing.
/// </summary>
internal sealed class UnitBits
{
    // A universe needs at most this many words per drawn unit for the bitsets to be used; above it they would cost
    // more to scan than sorting the few units does.
    private const long WordsPerUnit = 4;

    // Word indices stay ints, and a bitset never exceeds 256 MB.
    private const long MaxUniverse = 1L << 31;

    private readonly ulong[][] _sets = [[], []];

    /// <summary>Units the larger of the two bitsets covers now (what keeping this instance costs, in bits).</summary>
    public long Units => 64L * Math.Max(_sets[0].Length, _sets[1].Length);

    /// <summary>Words that cover <paramref name="universe"/> units.</summary>
    public static int WordsFor(long universe) => (int)((universe + 63) >> 6);

    /// <summary>Whether <paramref name="count"/> units of <paramref name="universe"/> are worth sorting through the bitsets.</summary>
    public static bool Fits(long universe, long count) => universe <= MaxUniverse && WordsFor(universe) <= WordsPerUnit * count;

    /// <summary>Sets the bits of <paramref name="units"/> in set <paramref name="set"/> (0 or 1); the caller reads and clears them.</summary>
    /// <returns>The set's words; at least <see cref="WordsFor"/>(<paramref name="universe"/>) long.</returns>
    public ulong[] Mark(List<long> units, long universe, int set)
    {
        ulong[] bits = Words(universe, set);
        foreach (long unit in CollectionsMarshal.AsSpan(units))
        {
            bits[unit >> 6] |= 1UL << (int)unit;
        }

        return bits;
    }

    /// <summary>Set <paramref name="set"/> (0 or 1), all zero, to be marked by the caller, who reads and clears it.</summary>
    /// <returns>The set's words; at least <see cref="WordsFor"/>(<paramref name="universe"/>) long.</returns>
    public ulong[] Words(long universe, int set)
    {
        int words = WordsFor(universe);
        if (_sets[set].Length < words)
        {
            _sets[set] = new ulong[words];
        }

        return _sets[set];
    }

    /// <summary>Sorts distinct unit numbers in [0, <paramref name="universe"/>): through a bitset when they are dense enough, else by comparison.</summary>
    public void Sort(List<long> units, long universe)
    {
        if (!Fits(universe, units.Count))
        {
            units.Sort();
            return;
        }

        ulong[] bits = Mark(units, universe, 0);
        units.Clear();
        int words = WordsFor(universe);
        for (int w = 0; w < words; w++)
        {
            ulong word = bits[w];
            if (word == 0)
            {
                continue;
            }

            bits[w] = 0;
            do
            {
                units.Add(((long)w << 6) + BitOperations.TrailingZeroCount(word));
                word &= word - 1;
            }
            while (word != 0);
        }
    }
}
