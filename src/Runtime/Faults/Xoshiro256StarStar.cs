using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace MapDsl.Runtime.Faults;

/// <summary>
/// The xoshiro256** generator of Blackman and Vigna: 256 bits of state, period 2^256 - 1, fast and statistically
/// strong. Written out here instead of using <see cref="System.Random"/> because the latter's algorithm is an
/// implementation detail that may change between .NET versions, and fault maps must be reproducible forever.
/// A mutable struct: copy it and both copies continue the same sequence independently.
/// </summary>
public struct Xoshiro256StarStar
{
    // 2^-53: turns the top 53 bits of a word into a double in [0, 1) without rounding.
    private const double UnitScale = 1.0 / (1UL << 53);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Seeds the generator with four consecutive outputs of <see cref="SplitMix64"/> started at <paramref name="seed"/>.</summary>
    /// <param name="seed">Any 64-bit value; nearby seeds give unrelated sequences.</param>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong state = seed;
        _s0 = SplitMix64.Next(ref state);
        _s1 = SplitMix64.Next(ref state);
        _s2 = SplitMix64.Next(ref state);
        _s3 = SplitMix64.Next(ref state);

        // SplitMix64 is a bijection per word, so four zero words cannot all occur in a row; this only guards
        // the invariant that the all-zero state (a fixed point) is never used.
        if ((_s0 | _s1 | _s2 | _s3) == 0)
        {
            _s0 = SplitMix64.Gamma;
        }
    }

    /// <summary>
    /// A generator with the given raw state, e.g. to reproduce the reference implementation's published outputs.
    /// </summary>
    /// <param name="s0">State word 0.</param>
    /// <param name="s1">State word 1.</param>
    /// <param name="s2">State word 2.</param>
    /// <param name="s3">State word 3.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentException">All four words are zero (a state the generator never leaves).</exception>
    public static Xoshiro256StarStar FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("The all-zero state is a fixed point of xoshiro256**; at least one word must be non-zero.");
        }

        return new Xoshiro256StarStar { _s0 = s0, _s1 = s1, _s2 = s2, _s3 = s3 };
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    /// <returns>A uniform 64-bit word.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1): the top 53 bits of <see cref="NextUInt64"/> times 2^-53, every value equally likely.</summary>
    /// <returns>A multiple of 2^-53 in [0, 1).</returns>
    public double NextDouble() => (NextUInt64() >> 11) * UnitScale;

    /// <summary>
    /// A uniform integer in [0, <paramref name="n"/>) without modulo bias (Lemire's multiply-and-reject): the high word
    /// of a 128-bit product picks the value, and the rare low words that would over-represent some values are redrawn.
    /// </summary>
    /// <param name="n">Exclusive upper bound; at least 1.</param>
    /// <returns>A value in [0, n).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long NextBelow(long n)
    {
        if (n < 1)
        {
            ThrowBelowOne(n);
        }

        // Inlined into the samplers' loops (one call per drawn fault); the rare rejection stays out of line.
        ulong range = (ulong)n;
        ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
        return low < range ? Reject(range, high, low) : (long)high;
    }

    // 2^64 mod n: the number of low words that must be rejected so every value has the same count.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long Reject(ulong range, ulong high, ulong low)
    {
        ulong threshold = (0UL - range) % range;
        while (low < threshold)
        {
            high = Math.BigMul(NextUInt64(), range, out low);
        }

        return (long)high;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBelowOne(long n) =>
        throw new ArgumentOutOfRangeException(nameof(n), n, $"The exclusive upper bound must be at least 1, got {n}.");
}
