namespace MapDsl.Runtime.Pruning;

/// <summary>
/// A pruning candidate ordered by magnitude, then by index, so that equal magnitudes are pruned lowest index first
/// and every selection is deterministic.
/// </summary>
internal readonly record struct RankedUnit(double Magnitude, int Index) : IComparable<RankedUnit>
{
    public int CompareTo(RankedUnit other)
    {
        int byMagnitude = Magnitude.CompareTo(other.Magnitude);
        return byMagnitude != 0 ? byMagnitude : Index.CompareTo(other.Index);
    }
}
