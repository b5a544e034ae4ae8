using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MapDsl.Runtime.Evaluation;

/// <summary>
/// y += a·x over contiguous floats, with the widest vectors the machine accelerates. This is the whole cost of a
/// sparse weight correction, so it is written against Vector512/Vector256 directly rather than Vector&lt;float&gt;,
/// which stays 256 bits wide on AVX-512 machines.
/// </summary>
internal static class Axpy
{
    /// <summary>y[i] += a * x[i] for every i; the spans have equal length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        int n = y.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var scale = Vector512.Create(a);
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var sum = Vector512.FusedMultiplyAdd(scale, Vector512.LoadUnsafe(ref xs, (nuint)i), Vector512.LoadUnsafe(ref ys, (nuint)i));
                sum.StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(a);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var sum = Vector256.FusedMultiplyAdd(scale, Vector256.LoadUnsafe(ref xs, (nuint)i), Vector256.LoadUnsafe(ref ys, (nuint)i));
                sum.StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else
        {
            var scale = new Vector<float>(a);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                (Vector.LoadUnsafe(ref ys, (nuint)i) + (scale * Vector.LoadUnsafe(ref xs, (nuint)i))).StoreUnsafe(ref ys, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref ys, i) = MathF.FusedMultiplyAdd(a, Unsafe.Add(ref xs, i), Unsafe.Add(ref ys, i));
        }
    }
}
