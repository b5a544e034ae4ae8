namespace MapDsl.Runtime.Pruning;

/// <summary>
/// Which positions of a kh x kw kernel a pattern keeps: ascending row-major positions (<c>r * kw + c</c>). Equal by
/// value, and ordered lexicographically by those positions, which is the deterministic tie-break between patterns
/// that occur equally often.
/// </summary>
internal sealed class KernelPattern : IEquatable<KernelPattern>, IComparable<KernelPattern>
{
    private readonly int hash;

    public KernelPattern(int[] positions)
    {
        Positions = positions;
        var hashCode = new HashCode();
        foreach (int position in positions)
        {
            hashCode.Add(position);
        }

        hash = hashCode.ToHashCode();
    }

    /// <summary>Kept positions, ascending.</summary>
    public int[] Positions { get; }

    /// <summary>The sum of squares of the kernel's entries at the kept positions, summed in position order.</summary>
    public double KeptSumOfSquares(ReadOnlySpan<float> kernel)
    {
        double sum = 0;
        foreach (int position in Positions)
        {
            double value = kernel[position];
            sum += value * value;
        }

        return sum;
    }

    public bool Equals(KernelPattern? other) =>
        other is not null && hash == other.hash && Positions.AsSpan().SequenceEqual(other.Positions);

    public override bool Equals(object? obj) => Equals(obj as KernelPattern);

    public override int GetHashCode() => hash;

    public int CompareTo(KernelPattern? other) =>
        other is null ? 1 : Positions.AsSpan().SequenceCompareTo(other.Positions);
}
