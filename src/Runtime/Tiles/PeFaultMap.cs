namespace MapDsl.Runtime.Tiles;

/// <summary>
/// Which PEs of a systolic array are bypassed because they are faulty. It belongs to the chip: every tile of every
/// layer in a mapping state shares one map, so a bypassed PE zeroes the weight it holds in each of them.
/// Stored densely because read-back consults it for every PE anyway.
/// </summary>
public sealed class PeFaultMap
{
    private readonly bool[] _bypassed;

    /// <summary>Creates a map in which every PE works.</summary>
    /// <param name="spec">Size of the array.</param>
    public PeFaultMap(SystolicSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        _bypassed = new bool[spec.PeCount];
    }

    /// <summary>Size of the array this map describes.</summary>
    public SystolicSpec Spec { get; }

    /// <summary>Number of bypassed PEs.</summary>
    public int Count { get; private set; }

    /// <summary>Row-major flags (<c>row * Columns + col</c>), true where the PE is bypassed; for tight kernel loops.</summary>
    public ReadOnlySpan<bool> Mask => _bypassed;

    /// <summary>Bypassed PEs in row-major order.</summary>
    public IEnumerable<(int Row, int Column)> Bypassed
    {
        get
        {
            var snapshot = new List<(int Row, int Column)>(Count);
            for (int pe = 0; pe < _bypassed.Length; pe++)
            {
                if (_bypassed[pe])
                {
                    snapshot.Add((pe / Spec.Columns, pe % Spec.Columns));
                }
            }

            return snapshot;
        }
    }

    /// <summary>Whether PE (<paramref name="row"/>, <paramref name="col"/>) is bypassed.</summary>
    /// <param name="row">PE row.</param>
    /// <param name="col">PE column.</param>
    public bool IsBypassed(int row, int col)
    {
        TileBounds.Check(row, col, Spec.Rows, Spec.Columns, "systolic array");
        return _bypassed[row * Spec.Columns + col];
    }

    /// <summary>Bypasses PE (<paramref name="row"/>, <paramref name="col"/>) or puts it back into service.</summary>
    /// <param name="row">PE row.</param>
    /// <param name="col">PE column.</param>
    /// <param name="bypassed">True to bypass the PE.</param>
    public void SetBypassed(int row, int col, bool bypassed)
    {
        TileBounds.Check(row, col, Spec.Rows, Spec.Columns, "systolic array");
        ref bool flag = ref _bypassed[row * Spec.Columns + col];
        if (flag != bypassed)
        {
            flag = bypassed;
            Count += bypassed ? 1 : -1;
        }
    }
}
