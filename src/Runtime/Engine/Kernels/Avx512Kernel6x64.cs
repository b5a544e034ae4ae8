using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MapDsl.Runtime.Engine.Kernels;

/// <summary>
/// AVX-512 for few rows (a convolution's output channels times its pixels): a 6 x 64 tile in 24 zmm
/// accumulators, four B vectors and a broadcast of A; 10 loads per 24 FMAs, the lightest of the three.
/// </summary>
internal readonly unsafe struct Avx512Kernel6x64 : IMicroKernel
{
    public static int Mr => 6;

    public static int Nr => 64;

    // The 64 KB B sliver streams from L2 (4 vectors per 24 FMAs); the 6 KB A sliver stays in L1.
    public static int Kc => 256;

    public static int Mc => 240;

    public static int Nc => 2048;

    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    // Not inlined into the driver: the kernel wants nearly every vector register to itself.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, nint ldb, float* c, nint rsC, int rows, int cols, bool add)
    {
        Vector512<float> c0_0 = default, c0_1 = default, c0_2 = default, c0_3 = default;
        Vector512<float> c1_0 = default, c1_1 = default, c1_2 = default, c1_3 = default;
        Vector512<float> c2_0 = default, c2_1 = default, c2_2 = default, c2_3 = default;
        Vector512<float> c3_0 = default, c3_1 = default, c3_2 = default, c3_3 = default;
        Vector512<float> c4_0 = default, c4_1 = default, c4_2 = default, c4_3 = default;
        Vector512<float> c5_0 = default, c5_1 = default, c5_2 = default, c5_3 = default;
        for (var p = 0; p < kc; p++)
        {
            var a0 = Vector512.Create(a[0]);
            var a1 = Vector512.Create(a[1]);
            var a2 = Vector512.Create(a[2]);
            var a3 = Vector512.Create(a[3]);
            var a4 = Vector512.Create(a[4]);
            var a5 = Vector512.Create(a[5]);
            var b0 = Vector512.Load(b);
            c0_0 = Avx512F.FusedMultiplyAdd(a0, b0, c0_0);
            c1_0 = Avx512F.FusedMultiplyAdd(a1, b0, c1_0);
            c2_0 = Avx512F.FusedMultiplyAdd(a2, b0, c2_0);
            c3_0 = Avx512F.FusedMultiplyAdd(a3, b0, c3_0);
            c4_0 = Avx512F.FusedMultiplyAdd(a4, b0, c4_0);
            c5_0 = Avx512F.FusedMultiplyAdd(a5, b0, c5_0);
            var b1 = Vector512.Load(b + 16);
            c0_1 = Avx512F.FusedMultiplyAdd(a0, b1, c0_1);
            c1_1 = Avx512F.FusedMultiplyAdd(a1, b1, c1_1);
            c2_1 = Avx512F.FusedMultiplyAdd(a2, b1, c2_1);
            c3_1 = Avx512F.FusedMultiplyAdd(a3, b1, c3_1);
            c4_1 = Avx512F.FusedMultiplyAdd(a4, b1, c4_1);
            c5_1 = Avx512F.FusedMultiplyAdd(a5, b1, c5_1);
            var b2 = Vector512.Load(b + 32);
            c0_2 = Avx512F.FusedMultiplyAdd(a0, b2, c0_2);
            c1_2 = Avx512F.FusedMultiplyAdd(a1, b2, c1_2);
            c2_2 = Avx512F.FusedMultiplyAdd(a2, b2, c2_2);
            c3_2 = Avx512F.FusedMultiplyAdd(a3, b2, c3_2);
            c4_2 = Avx512F.FusedMultiplyAdd(a4, b2, c4_2);
            c5_2 = Avx512F.FusedMultiplyAdd(a5, b2, c5_2);
            var b3 = Vector512.Load(b + 48);
            c0_3 = Avx512F.FusedMultiplyAdd(a0, b3, c0_3);
            c1_3 = Avx512F.FusedMultiplyAdd(a1, b3, c1_3);
            c2_3 = Avx512F.FusedMultiplyAdd(a2, b3, c2_3);
            c3_3 = Avx512F.FusedMultiplyAdd(a3, b3, c3_3);
            c4_3 = Avx512F.FusedMultiplyAdd(a4, b3, c4_3);
            c5_3 = Avx512F.FusedMultiplyAdd(a5, b3, c5_3);
            a += 6;
            b += ldb;
        }

        if (rows == 6 && cols == 64)
        {
            Write(c, c0_0, c0_1, c0_2, c0_3, add);
            Write(c + rsC, c1_0, c1_1, c1_2, c1_3, add);
            Write(c + (2 * rsC), c2_0, c2_1, c2_2, c2_3, add);
            Write(c + (3 * rsC), c3_0, c3_1, c3_2, c3_3, add);
            Write(c + (4 * rsC), c4_0, c4_1, c4_2, c4_3, add);
            Write(c + (5 * rsC), c5_0, c5_1, c5_2, c5_3, add);
            return;
        }

        // A ragged tile: whole rows up to rows, lanes up to cols, through masks that never touch memory past them.
        var m0 = Mask(cols);
        var m1 = Mask(cols - 16);
        var m2 = Mask(cols - 32);
        var m3 = Mask(cols - 48);
        WriteMasked(c, c0_0, c0_1, c0_2, c0_3, m0, m1, m2, m3, add);
        if (rows == 1)
        {
            return;
        }

        WriteMasked(c + rsC, c1_0, c1_1, c1_2, c1_3, m0, m1, m2, m3, add);
        if (rows == 2)
        {
            return;
        }

        WriteMasked(c + (2 * rsC), c2_0, c2_1, c2_2, c2_3, m0, m1, m2, m3, add);
        if (rows == 3)
        {
            return;
        }

        WriteMasked(c + (3 * rsC), c3_0, c3_1, c3_2, c3_3, m0, m1, m2, m3, add);
        if (rows == 4)
        {
            return;
        }

        WriteMasked(c + (4 * rsC), c4_0, c4_1, c4_2, c4_3, m0, m1, m2, m3, add);
        if (rows == 5)
        {
            return;
        }

        WriteMasked(c + (5 * rsC), c5_0, c5_1, c5_2, c5_3, m0, m1, m2, m3, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(float* c, Vector512<float> t0, Vector512<float> t1, Vector512<float> t2, Vector512<float> t3, bool add)
    {
        if (add)
        {
            t0 += Vector512.Load(c);
            t1 += Vector512.Load(c + 16);
            t2 += Vector512.Load(c + 32);
            t3 += Vector512.Load(c + 48);
        }

        t0.Store(c);
        t1.Store(c + 16);
        t2.Store(c + 32);
        t3.Store(c + 48);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteMasked(float* c, Vector512<float> t0, Vector512<float> t1, Vector512<float> t2, Vector512<float> t3, Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3, bool add)
    {
        if (add)
        {
            t0 += Avx512F.MaskLoad(c, m0, Vector512<float>.Zero);
            t1 += Avx512F.MaskLoad(c + 16, m1, Vector512<float>.Zero);
            t2 += Avx512F.MaskLoad(c + 32, m2, Vector512<float>.Zero);
            t3 += Avx512F.MaskLoad(c + 48, m3, Vector512<float>.Zero);
        }

        Avx512F.MaskStore(c, m0, t0);
        Avx512F.MaskStore(c + 16, m1, t1);
        Avx512F.MaskStore(c + 32, m2, t2);
        Avx512F.MaskStore(c + 48, m3, t3);
    }

    // Lanes below count set (all bits), the rest clear; count may be negative or past the width.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Mask(int count) => Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();
}
