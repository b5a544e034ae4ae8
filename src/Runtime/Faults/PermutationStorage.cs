namespace MapDsl.Runtime.Faults;

/// <summary>
/// How <see cref="UnitSampler"/> remembers the swaps of its partial Fisher-Yates shuffle. The choice affects only
/// time and memory: every option yields the same sequence of units for the same stream.
/// </summary>
public enum PermutationStorage
{
    /// <summary>
    /// Up to 2^20 units, a per-thread identity array kept between calls, of which only the positions a shuffle writes
    /// are put back (O(k) per call, no allocation). Above that, sparse when few units are drawn, dense when at least
    /// one unit in <see cref="UnitSampler.DenseFraction"/> is.
    /// </summary>
    Automatic = 0,

    /// <summary>A dictionary of displaced positions: O(k) memory, independent of the number of units.</summary>
    Sparse = 1,

    /// <summary>An array holding the whole permutation: O(n) memory and set-up, the fastest per draw.</summary>
    Dense = 2,
}
