using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MapDsl.Runtime.Engine.Kernels;

/// <summary>
/// AVX-512 for few columns (at most 16: output channels of an im2col convolution, a classifier's classes):
/// a 24 x 16 tile in 24 zmm accumulators, one B vector and a broadcast of A per row. Load-bound (25 loads
/// per 24 FMAs) but, for n of 16 or less, still wastes far fewer lanes than a 32-wide tile.
/// </summary>
internal readonly unsafe struct Avx512Kernel24x16 : IMicroKernel
{
    public static int Mr => 24;

    public static int Nr => 16;

    // 256 x 16 floats of B (16 KB) plus a 24 KB sliver of A fit a 48 KB L1.
    public static int Kc => 256;

    public static int Mc => 240;

    public static int Nc => 2048;

    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    // Not inlined into the driver: the kernel wants nearly every vector register to itself.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, nint ldb, float* c, nint rsC, int rows, int cols, bool add)
    {
        Vector512<float> c0_0 = default;
        Vector512<float> c1_0 = default;
        Vector512<float> c2_0 = default;
        Vector512<float> c3_0 = default;
        Vector512<float> c4_0 = default;
        Vector512<float> c5_0 = default;
        Vector512<float> c6_0 = default;
        Vector512<float> c7_0 = default;
        Vector512<float> c8_0 = default;
        Vector512<float> c9_0 = default;
        Vector512<float> c10_0 = default;
        Vector512<float> c11_0 = default;
        Vector512<float> c12_0 = default;
        Vector512<float> c13_0 = default;
        Vector512<float> c14_0 = default;
        Vector512<float> c15_0 = default;
        Vector512<float> c16_0 = default;
        Vector512<float> c17_0 = default;
        Vector512<float> c18_0 = default;
        Vector512<float> c19_0 = default;
        Vector512<float> c20_0 = default;
        Vector512<float> c21_0 = default;
        Vector512<float> c22_0 = default;
        Vector512<float> c23_0 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var a0 = Vector512.Create(a[0]);
            c0_0 = Avx512F.FusedMultiplyAdd(a0, b0, c0_0);
            var a1 = Vector512.Create(a[1]);
            c1_0 = Avx512F.FusedMultiplyAdd(a1, b0, c1_0);
            var a2 = Vector512.Create(a[2]);
            c2_0 = Avx512F.FusedMultiplyAdd(a2, b0, c2_0);
            var a3 = Vector512.Create(a[3]);
            c3_0 = Avx512F.FusedMultiplyAdd(a3, b0, c3_0);
            var a4 = Vector512.Create(a[4]);
            c4_0 = Avx512F.FusedMultiplyAdd(a4, b0, c4_0);
            var a5 = Vector512.Create(a[5]);
            c5_0 = Avx512F.FusedMultiplyAdd(a5, b0, c5_0);
            var a6 = Vector512.Create(a[6]);
            c6_0 = Avx512F.FusedMultiplyAdd(a6, b0, c6_0);
            var a7 = Vector512.Create(a[7]);
            c7_0 = Avx512F.FusedMultiplyAdd(a7, b0, c7_0);
            var a8 = Vector512.Create(a[8]);
            c8_0 = Avx512F.FusedMultiplyAdd(a8, b0, c8_0);
            var a9 = Vector512.Create(a[9]);
            c9_0 = Avx512F.FusedMultiplyAdd(a9, b0, c9_0);
            var a10 = Vector512.Create(a[10]);
            c10_0 = Avx512F.FusedMultiplyAdd(a10, b0, c10_0);
            var a11 = Vector512.Create(a[11]);
            c11_0 = Avx512F.FusedMultiplyAdd(a11, b0, c11_0);
            var a12 = Vector512.Create(a[12]);
            c12_0 = Avx512F.FusedMultiplyAdd(a12, b0, c12_0);
            var a13 = Vector512.Create(a[13]);
            c13_0 = Avx512F.FusedMultiplyAdd(a13, b0, c13_0);
            var a14 = Vector512.Create(a[14]);
            c14_0 = Avx512F.FusedMultiplyAdd(a14, b0, c14_0);
            var a15 = Vector512.Create(a[15]);
            c15_0 = Avx512F.FusedMultiplyAdd(a15, b0, c15_0);
            var a16 = Vector512.Create(a[16]);
            c16_0 = Avx512F.FusedMultiplyAdd(a16, b0, c16_0);
            var a17 = Vector512.Create(a[17]);
            c17_0 = Avx512F.FusedMultiplyAdd(a17, b0, c17_0);
            var a18 = Vector512.Create(a[18]);
            c18_0 = Avx512F.FusedMultiplyAdd(a18, b0, c18_0);
            var a19 = Vector512.Create(a[19]);
            c19_0 = Avx512F.FusedMultiplyAdd(a19, b0, c19_0);
            var a20 = Vector512.Create(a[20]);
            c20_0 = Avx512F.FusedMultiplyAdd(a20, b0, c20_0);
            var a21 = Vector512.Create(a[21]);
            c21_0 = Avx512F.FusedMultiplyAdd(a21, b0, c21_0);
            var a22 = Vector512.Create(a[22]);
            c22_0 = Avx512F.FusedMultiplyAdd(a22, b0, c22_0);
            var a23 = Vector512.Create(a[23]);
            c23_0 = Avx512F.FusedMultiplyAdd(a23, b0, c23_0);
            a += 24;
            b += ldb;
        }

        if (rows == 24 && cols == 16)
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
            Write(c + (12 * rsC), c12_0, add);
            Write(c + (13 * rsC), c13_0, add);
            Write(c + (14 * rsC), c14_0, add);
            Write(c + (15 * rsC), c15_0, add);
            Write(c + (16 * rsC), c16_0, add);
            Write(c + (17 * rsC), c17_0, add);
            Write(c + (18 * rsC), c18_0, add);
            Write(c + (19 * rsC), c19_0, add);
            Write(c + (20 * rsC), c20_0, add);
            Write(c + (21 * rsC), c21_0, add);
            Write(c + (22 * rsC), c22_0, add);
            Write(c + (23 * rsC), c23_0, add);
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
        if (rows == 12)
        {
            return;
        }

        WriteMasked(c + (12 * rsC), c12_0, m0, add);
        if (rows == 13)
        {
            return;
        }

        WriteMasked(c + (13 * rsC), c13_0, m0, add);
        if (rows == 14)
        {
            return;
        }

        WriteMasked(c + (14 * rsC), c14_0, m0, add);
        if (rows == 15)
        {
            return;
        }

        WriteMasked(c + (15 * rsC), c15_0, m0, add);
        if (rows == 16)
        {
            return;
        }

        WriteMasked(c + (16 * rsC), c16_0, m0, add);
        if (rows == 17)
        {
            return;
        }

        WriteMasked(c + (17 * rsC), c17_0, m0, add);
        if (rows == 18)
        {
            return;
        }

        WriteMasked(c + (18 * rsC), c18_0, m0, add);
        if (rows == 19)
        {
            return;
        }

        WriteMasked(c + (19 * rsC), c19_0, m0, add);
        if (rows == 20)
        {
            return;
        }

        WriteMasked(c + (20 * rsC), c20_0, m0, add);
        if (rows == 21)
        {
            return;
        }

        WriteMasked(c + (21 * rsC), c21_0, m0, add);
        if (rows == 22)
        {
            return;
        }

        WriteMasked(c + (22 * rsC), c22_0, m0, add);
        if (rows == 23)
        {
            return;
        }

        WriteMasked(c + (23 * rsC), c23_0, m0, add);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(float* c, Vector512<float> t0, bool add)
    {
        if (add)
        {
            t0 += Vector512.Load(c);
        }

        t0.Store(c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteMasked(float* c, Vector512<float> t0, Vector512<float> m0, bool add)
    {
        if (add)
        {
            t0 += Avx512F.MaskLoad(c, m0, Vector512<float>.Zero);
        }

        Avx512F.MaskStore(c, m0, t0);
    }

    // Lanes below count set (all bits), the rest clear; count may be negative or past the width.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Mask(int count) => Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();
}
