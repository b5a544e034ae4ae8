using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MapDsl.Runtime.Engine.Kernels;

/// <summary>
/// AVX-512, the general kernel: a 12 x 32 tile of C in 24 zmm accumulators (of 32), two B vectors and a
/// broadcast of A. 24 independent FMA chains cover the FMA latency of two pipes three times over, and each
/// step of k does 14 loads for 24 FMAs, which the load ports sustain.
/// </summary>
internal readonly unsafe struct Avx512Kernel12x32 : IMicroKernel
{
    public static int Mr => 12;

    public static int Nr => 32;

    // 256 x 32 floats of B (32 KB) plus a 12 KB sliver of A fit a 48 KB L1.
    public static int Kc => 256;

    public static int Mc => 240;

    public static int Nc => 2048;

    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    // Not inlined into the driver: the kernel wants nearly every vector register to itself.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, nint ldb, float* c, nint rsC, int rows, int cols, bool add)
    {
        Vector512<float> c0_0 = default, c0_1 = default;
        Vector512<float> c1_0 = default, c1_1 = default;
        Vector512<float> c2_0 = default, c2_1 = default;
        Vector512<float> c3_0 = default, c3_1 = default;
        Vector512<float> c4_0 = default, c4_1 = default;
        Vector512<float> c5_0 = default, c5_1 = default;
        Vector512<float> c6_0 = default, c6_1 = default;
        Vector512<float> c7_0 = default, c7_1 = default;
        Vector512<float> c8_0 = default, c8_1 = default;
        Vector512<float> c9_0 = default, c9_1 = default;
        Vector512<float> c10_0 = default, c10_1 = default;
        Vector512<float> c11_0 = default, c11_1 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]);
            c0_0 = Avx512F.FusedMultiplyAdd(a0, b0, c0_0);
            c0_1 = Avx512F.FusedMultiplyAdd(a0, b1, c0_1);
            var a1 = Vector512.Create(a[1]);
            c1_0 = Avx512F.FusedMultiplyAdd(a1, b0, c1_0);
            c1_1 = Avx512F.FusedMultiplyAdd(a1, b1, c1_1);
            var a2 = Vector512.Create(a[2]);
            c2_0 = Avx512F.FusedMultiplyAdd(a2, b0, c2_0);
            c2_1 = Avx512F.FusedMultiplyAdd(a2, b1, c2_1);
            var a3 = Vector512.Create(a[3]);
            c3_0 = Avx512F.FusedMultiplyAdd(a3, b0, c3_0);
            c3_1 = Avx512F.FusedMultiplyAdd(a3, b1, c3_1);
            var a4 = Vector512.Create(a[4]);
            c4_0 = Avx512F.FusedMultiplyAdd(a4, b0, c4_0);
            c4_1 = Avx512F.FusedMultiplyAdd(a4, b1, c4_1);
            var a5 = Vector512.Create(a[5]);
            c5_0 = Avx512F.FusedMultiplyAdd(a5, b0, c5_0);
            c5_1 = Avx512F.FusedMultiplyAdd(a5, b1, c5_1);
            var a6 = Vector512.Create(a[6]);
            c6_0 = Avx512F.FusedMultiplyAdd(a6, b0, c6_0);
            c6_1 = Avx512F.FusedMultiplyAdd(a6, b1, c6_1);
            var a7 = Vector512.Create(a[7]);
            c7_0 = Avx512F.FusedMultiplyAdd(a7, b0, c7_0);
            c7_1 = Avx512F.FusedMultiplyAdd(a7, b1, c7_1);
            var a8 = Vector512.Create(a[8]);
            c8_0 = Avx512F.FusedMultiplyAdd(a8, b0, c8_0);
            c8_1 = Avx512F.FusedMultiplyAdd(a8, b1, c8_1);
            var a9 = Vector512.Create(a[9]);
            c9_0 = Avx512F.FusedMultiplyAdd(a9, b0, c9_0);
            c9_1 = Avx512F.FusedMultiplyAdd(a9, b1, c9_1);
            var a10 = Vector512.Create(a[10]);
            c10_0 = Avx512F.FusedMultiplyAdd(a10, b0, c10_0);
            c10_1 = Avx512F.FusedMultiplyAdd(a10, b1, c10_1);
            var a11 = Vector512.Create(a[11]);
            c11_0 = Avx512F.FusedMultiplyAdd(a11, b0, c11_0);
            c11_1 = Avx512F.FusedMultiplyAdd(a11, b1, c11_1);
            a += 12;
            b += ldb;
        }

        if (rows == 12 && cols == 32)
        {
            Write(c, c0_0, c0_1, add);
            Write(c + rsC, c1_0, c1_1, add);
            Write(c + (2 * rsC), c2_0, c2_1, add);
            Write(c + (3 * rsC), c3_0, c3_1, add);
            Write(c + (4 * rsC), c4_0, c4_1, add);
            Write(c + (5 * rsC), c5_0, c5_1, add);
            Write(c + (6 * rsC), c6_0, c6_1, add);
            Write(c + (7 * rsC), c7_0, c7_1, add);
            Write(c + (8 * rsC), c8_0, c8_1, add);
            Write(c + (9 * rsC), c9_0, c9_1, add);
            Write(c + (10 * rsC), c10_0, c10_1, add);
            Write(c + (11 * rsC), c11_0, c11_1, add);
            return;
        }

        // A ragged tile: whole rows up to rows, lanes up to cols, through masks that never touch memory past them.
        var m0 = Mask(cols);
        var m1 = Mask(cols - 16);
        WriteMasked(c, c0_0, c0_1, m0, m1, add);
        if (rows == 1)
        {
            return;
        }

        WriteMasked(c + rsC, c1_0, c1_1, m0, m1, add);
        if (rows == 2)
        {
            return;
        }

        WriteMasked(c + (2 * rsC), c2_0, c2_1, m0, m1, add);
        if (rows == 3)
        {
            return;
        }

        WriteMasked(c + (3 * rsC), c3_0, c3_1, m0, m1, add);
        if (rows == 4)
        {
            return;
        }

        WriteMasked(c + (4 * rsC), c4_0, c4_1, m0, m1, add);
        if (rows == 5)
        {
            return;
        }

        WriteMasked(c + (5 * rsC), c5_0, c5_1, m0, m1, add);
        if (rows == 6)
        {
            return;
        }

        WriteMasked(c + (6 * rsC), c6_0, c6_1, m0, m1, add);
        if (rows == 7)
        {
            return;
        }

        WriteMasked(c + (7 * rsC), c7_0, c7_1, m0, m1, add);
        if (rows == 8)
        {
            return;
        }

        WriteMasked(c + (8 * rsC), c8_0, c8_1, m0, m1, add);
        if (rows == 9)
        {
            return;
        }

        WriteMasked(c + (9 * rsC), c9_0, c9_1, m0, m1, add);
        if (rows == 10)
        {
            return;
        }

        WriteMasked(c + (10 * rsC), c10_0, c10_1, m0, m1, add);
        if (rows == 11)
        {
            return;
        }

        WriteMasked(c + (11 * rsC), c11_0, c11_1, m0, m1, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(float* c, Vector512<float> t0, Vector512<float> t1, bool add)
    {
        if (add)
        {
            t0 += Vector512.Load(c);
            t1 += Vector512.Load(c + 16);
        }

        t0.Store(c);
        t1.Store(c + 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteMasked(float* c, Vector512<float> t0, Vector512<float> t1, Vector512<float> m0, Vector512<float> m1, bool add)
    {
        if (add)
        {
            t0 += Avx512F.MaskLoad(c, m0, Vector512<float>.Zero);
            t1 += Avx512F.MaskLoad(c + 16, m1, Vector512<float>.Zero);
        }

        Avx512F.MaskStore(c, m0, t0);
        Avx512F.MaskStore(c + 16, m1, t1);
    }

    // Lanes below count set (all bits), the rest clear; count may be negative or past the width.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Mask(int count) => Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();
}
