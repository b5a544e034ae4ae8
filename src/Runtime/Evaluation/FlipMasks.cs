using MapDsl.Runtime.Faults;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// A layer's flipped bits, weight by weight: each flipped weight once, with all its flipped bits as one mask. The
/// generated <c>Inject</c> keeps a chip's flips in a set, so a flip listed twice counts once; the mask ORs the bits
/// for the same reason. Needs the flips grouped by weight, as a fault map lists them (sorted by weight, then bit).
/// </summary>
/// <param name="flips">The layer's flips, sorted by weight.</param>
internal ref struct FlipMasks(ReadOnlySpan<BitFlipAt> flips)
{
    private readonly ReadOnlySpan<BitFlipAt> _flips = flips;
    private int _next;

    /// <summary>The current weight and its flipped bits (bit b as 1 &lt;&lt; b).</summary>
    public (int Weight, int Mask) Current { get; private set; }

    public readonly FlipMasks GetEnumerator() => this;

    /// <summary>Moves to the next flipped weight.</summary>
    /// <exception cref="ArgumentException">The flips are not sorted by weight.</exception>
    public bool MoveNext()
    {
        if (_next >= _flips.Length)
        {
            return false;
        }

        int weight = _flips[_next].Weight;
        int mask = 0;
        for (; _next < _flips.Length && _flips[_next].Weight == weight; _next++)
        {
            mask |= 1 << _flips[_next].Bit;
        }

        if (_next < _flips.Length && _flips[_next].Weight < weight)
        {
            throw new ArgumentException(
                $"Flips must be sorted by weight, as a fault map lists them: weight {_flips[_next].Weight} follows weight {weight}.", "flips");
        }

        Current = (weight, mask);
        return true;
    }
}
