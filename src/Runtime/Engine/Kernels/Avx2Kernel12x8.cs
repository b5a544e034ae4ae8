using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MapDsl.Runtime.Engine.Kernels;

/// <summary>
/// AVX2 + FMA for few columns (at most 8): a 12 x 8 tile in 12 ymm accumulators, one B vector and a
/// broadcast of A per row.
/// </summary>
internal readonly unsafe struct Avx2Kernel12x8 : IMicroKernel
{
    public static int Mr => 12;

    public static int Nr => 8;

    // 256 x 8 floats of B (8 KB) plus a 12 KB sliver of A fit a 32 KB L1.
    public static int Kc => 256;

    public static int Mc => 120;

    public static int Nc => 2048;

    public static bool IsSupported => Fma.IsSupported;

    // Not inlined into the driver: the kernel wants nearly every vector register to itself.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, nint ldb, float* c, nint rsC, int rows, int cols, bool add)
    {
        Vector256<float> c0_0 = default;
        Vector256<float> c1_0 = default;
        Vector256<float> c2_0 = default;
        Vector256<float> c3_0 = default;
        Vector256<float> c4_0 = default;
        Vector256<float> c5_0 = default;
        Vector256<float> c6_0 = default;
        Vector256<float> c7_0 = default;
        Vector256<float> c8_0 = default;
        Vector256<float> c9_0 = default;
        Vector256<float> c10_0 = default;
        Vector256<float> c11_0 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var a0 = Vector256.Create(a[0]);
            c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
            var a1 = Vector256.Create(a[1]);
            c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
            var a2 = Vector256.Create(a[2]);
            c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
            var a3 = Vector256.Create(a[3]);
            c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
            var a4 = Vector256.Create(a[4]);
            c4_0 = Fma.MultiplyAdd(a4, b0, c4_0);
            var a5 = Vector256.Create(a[5]);
            c5_0 = Fma.MultiplyAdd(a5, b0, c5_0);
            var a6 = Vector256.Create(a[6]);
            c6_0 = Fma.MultiplyAdd(a6, b0, c6_0);
            var a7 = Vector256.Create(a[7]);
            c7_0 = Fma.MultiplyAdd(a7, b0, c7_0);
            var a8 = Vector256.Create(a[8]);
            c8_0 = Fma.MultiplyAdd(a8, b0, c8_0);
            var a9 = Vector256.Create(a[9]);
            c9_0 = Fma.MultiplyAdd(a9, b0, c9_0);
            var a10 = Vector256.Create(a[10]);
            c10_0 = Fma.MultiplyAdd(a10, b0, c10_0);
            var a11 = Vector256.Create(a[11]);
            c11_0 = Fma.MultiplyAdd(a11, b0, c11_0);
            a += 12;
            b += ldb;
        }

        if (rows == 12 && cols == 8)
        {
            Write(c, c0_0, add);
            Write(c + rsC, c1_0, add);
            Write(c + (2 * rsC), c2_0, add);
            Write(c + (3 * rsC), c3_0, add);
            Write(c + (4 * rsC), c4_0, add);
            Write(c + (5 * rsC), c5_0, add);
            Write(c + (6 * rsC), c6_0, add);
            Write(c + (7 * rsC), c7_0, add);
            Write(c + (8 * rsC), c8_0, add);
            Write(c + (9 * rsC), c9_0, add);
            Write(c + (10 * rsC), c10_0, add);
            Write(c + (11 * rsC), c11_0, add);
            return;
        }

        // A ragged tile: whole rows up to rows, lanes up to cols, through masks that never touch memory past them.
        var m0 = Mask(cols);
        WriteMasked(c, c0_0, m0, add);
        if (rows == 1)
        {
            return;
        }

        WriteMasked(c + rsC, c1_0, m0, add);
        if (rows == 2)
        {
            return;
        }

        WriteMasked(c + (2 * rsC), c2_0, m0, add);
        if (rows == 3)
        {
            return;
        }

        WriteMasked(c + (3 * rsC), c3_0, m0, add);
        if (rows == 4)
        {
            return;
        }

        WriteMasked(c + (4 * rsC), c4_0, m0, add);
        if (rows == 5)
        {
            return;
        }

        WriteMasked(c + (5 * rsC), c5_0, m0, add);
        if (rows == 6)
        {
            return;
        }

        WriteMasked(c + (6 * rsC), c6_0, m0, add);
        if (rows == 7)
        {
            return;
        }

        WriteMasked(c + (7 * rsC), c7_0, m0, add);
        if (rows == 8)
        {
            return;
        }

        WriteMasked(c + (8 * rsC), c8_0, m0, add);
        if (rows == 9)
        {
            return;
        }

        WriteMasked(c + (9 * rsC), c9_0, m0, add);
        if (rows == 10)
        {
            return;
        }

        WriteMasked(c + (10 * rsC), c10_0, m0, add);
        if (rows == 11)
        {
            return;
        }

        WriteMasked(c + (11 * rsC), c11_0, m0, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(float* c, Vector256<float> t0, bool add)
    {
        if (add)
        {
            t0 += Vector256.Load(c);
        }

        t0.Store(c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteMasked(float* c, Vector256<float> t0, Vector256<float> m0, bool add)
    {
        if (add)
        {
            t0 += Avx.MaskLoad(c, m0);
        }

        Avx.MaskStore(c, m0, t0);
    }

    // Lanes below count set (all bits), the rest clear; count may be negative or past the width.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Mask(int count) => Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).AsSingle();
}
