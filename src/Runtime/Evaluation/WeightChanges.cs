namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// The weights of one layer that a faulty chip computes differently from the clean chip: each as its index in the
/// layer's weight array (PyTorch layout, crossbar-matrix element (r, c) at <c>c * matrixRows + r</c>) and the value
/// the faulty hardware reads back. A campaign trial touches only these, so its cost follows the number of faults.
/// </summary>
/// <remarks>
/// Kept as two parallel arrays rather than a list of pairs so that correction kernels walk plain int and float
/// arrays, and cleared rather than reallocated so that a worker re-uses one instance for every trial.
/// </remarks>
public sealed class WeightChanges
{
    private int[] _indices;
    private float[] _values;

    /// <summary>An empty set with room for <paramref name="capacity"/> changes before it grows.</summary>
    /// <param name="capacity">Initial capacity.</param>
    public WeightChanges(int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _indices = new int[Math.Max(capacity, 4)];
        _values = new float[_indices.Length];
    }

    /// <summary>Changes held.</summary>
    public int Count { get; private set; }

    /// <summary>Indices of the changed weights, in the order they were added.</summary>
    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, Count);

    /// <summary>The faulty values, parallel to <see cref="Indices"/>.</summary>
    public ReadOnlySpan<float> Values => _values.AsSpan(0, Count);

    /// <summary>Adds one changed weight. The caller adds each index at most once.</summary>
    /// <param name="index">Index in the layer's weight array.</param>
    /// <param name="value">The value the faulty hardware computes.</param>
    public void Add(int index, float value)
    {
        if (Count == _indices.Length)
        {
            Array.Resize(ref _indices, _indices.Length * 2);
            Array.Resize(ref _values, _indices.Length);
        }

        _indices[Count] = index;
        _values[Count] = value;
        Count++;
    }

    /// <summary>
    /// Makes room for <paramref name="extra"/> more changes and returns the storage, so that a hot loop can write a
    /// candidate at <see cref="Count"/> unconditionally and keep it by advancing its count (<see cref="SetCount"/>):
    /// no branch on whether the weight changed, which would stall on the cache miss that decides it.
    /// </summary>
    internal (int[] Indices, float[] Values) Reserve(int extra)
    {
        int needed = checked(Count + extra);
        if (needed > _indices.Length)
        {
            int capacity = Math.Max(needed, 2 * _indices.Length);
            Array.Resize(ref _indices, capacity);
            Array.Resize(ref _values, capacity);
        }

        return (_indices, _values);
    }

    /// <summary>Keeps the first <paramref name="count"/> entries of the storage <see cref="Reserve"/> returned.</summary>
    internal void SetCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)_indices.Length, nameof(count));
        Count = count;
    }

    /// <summary>Puts the changes in index order, the order a read-back diff finds them in.</summary>
    internal void SortByIndex() => Array.Sort(_indices, _values, 0, Count);

    /// <summary>Forgets every change and keeps the storage.</summary>
    public void Clear() => Count = 0;
}
