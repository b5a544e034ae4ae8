namespace MapDsl.Runtime.Engine;

/// <summary>The cheap checks every product makes before touching memory.</summary>
internal static class GemmArguments
{
    public static void Validate(GemmLayout layout, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, int m, int n, int k, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Require(a.Length, (long)m * k, nameof(a), "A", layout == GemmLayout.TransposedA ? "k x m" : "m x k", layout == GemmLayout.TransposedA ? (k, m) : (m, k));
        Require(b.Length, (long)k * n, nameof(b), "B", layout == GemmLayout.TransposedB ? "n x k" : "k x n", layout == GemmLayout.TransposedB ? (n, k) : (k, n));
        Require(c.Length, (long)m * n, nameof(c), "C", "m x n", (m, n));
        // Only the parts in use: callers often slice operands out of one arena.
        var used = c[..(m * n)];
        if (used.Overlaps(a[..(m * k)]) || used.Overlaps(b[..(k * n)]))
        {
            throw new ArgumentException("C must not overlap A or B: the product reads them after it has started writing C.", nameof(c));
        }
    }

    private static void Require(int length, long needed, string parameter, string matrix, string shape, (int Rows, int Columns) size)
    {
        if (length < needed)
        {
            throw new ArgumentException(
                $"{matrix} is {shape} = {size.Rows} x {size.Columns} and needs {needed} floats, but the span holds {length}.", parameter);
        }
    }
}
