using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MapDsl.Runtime.Engine.Kernels;

/// <summary>
/// AVX2 + FMA for few rows: a 3 x 32 tile in 12 ymm accumulators, four B vectors and a broadcast of A.
/// </summary>
internal readonly unsafe struct Avx2Kernel3x32 : IMicroKernel
{
    public static int Mr => 3;

    public static int Nr => 32;

    // The 32 KB B sliver streams from L2; the 3 KB A sliver stays in L1.
    public static int Kc => 256;

    public static int Mc => 120;

    public static int Nc => 2048;

    public static bool IsSupported => Fma.IsSupported;

    // Not inlined into the driver: the kernel wants nearly every vector register to itself.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, nint ldb, float* c, nint rsC, int rows, int cols, bool add)
    {
        Vector256<float> c0_0 = default, c0_1 = default, c0_2 = default, c0_3 = default;
        Vector256<float> c1_0 = default, c1_1 = default, c1_2 = default, c1_3 = default;
        Vector256<float> c2_0 = default, c2_1 = default, c2_2 = default, c2_3 = default;
        for (var p = 0; p < kc; p++)
        {
            var a0 = Vector256.Create(a[0]);
            var a1 = Vector256.Create(a[1]);
            var a2 = Vector256.Create(a[2]);
            var b0 = Vector256.Load(b);
            c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
            c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
            c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
            var b1 = Vector256.Load(b + 8);
            c0_1 = Fma.MultiplyAdd(a0, b1, c0_1);
            c1_1 = Fma.MultiplyAdd(a1, b1, c1_1);
            c2_1 = Fma.MultiplyAdd(a2, b1, c2_1);
            var b2 = Vector256.Load(b + 16);
            c0_2 = Fma.MultiplyAdd(a0, b2, c0_2);
            c1_2 = Fma.MultiplyAdd(a1, b2, c1_2);
            c2_2 = Fma.MultiplyAdd(a2, b2, c2_2);
            var b3 = Vector256.Load(b + 24);
            c0_3 = Fma.MultiplyAdd(a0, b3, c0_3);
            c1_3 = Fma.MultiplyAdd(a1, b3, c1_3);
            c2_3 = Fma.MultiplyAdd(a2, b3, c2_3);
            a += 3;
            b += ldb;
        }

        if (rows == 3 && cols == 32)
        {
            Write(c, c0_0, c0_1, c0_2, c0_3, add);
            Write(c + rsC, c1_0, c1_1, c1_2, c1_3, add);
            Write(c + (2 * rsC), c2_0, c2_1, c2_2, c2_3, add);
            return;
        }

        // A ragged tile: whole rows up to rows, lanes up to cols, through masks that never touch memory past them.
        var m0 = Mask(cols);
        var m1 = Mask(cols - 8);
        var m2 = Mask(cols - 16);
        var m3 = Mask(cols - 24);
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
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(float* c, Vector256<float> t0, Vector256<float> t1, Vector256<float> t2, Vector256<float> t3, bool add)
    {
        if (add)
        {
            t0 += Vector256.Load(c);
            t1 += Vector256.Load(c + 8);
            t2 += Vector256.Load(c + 16);
            t3 += Vector256.Load(c + 24);
        }

        t0.Store(c);
        t1.Store(c + 8);
        t2.Store(c + 16);
        t3.Store(c + 24);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteMasked(float* c, Vector256<float> t0, Vector256<float> t1, Vector256<float> t2, Vector256<float> t3, Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3, bool add)
    {
        if (add)
        {
            t0 += Avx.MaskLoad(c, m0);
            t1 += Avx.MaskLoad(c + 8, m1);
            t2 += Avx.MaskLoad(c + 16, m2);
            t3 += Avx.MaskLoad(c + 24, m3);
        }

        Avx.MaskStore(c, m0, t0);
        Avx.MaskStore(c + 8, m1, t1);
        Avx.MaskStore(c + 16, m2, t2);
        Avx.MaskStore(c + 24, m3, t3);
    }

    // Lanes below count set (all bits), the rest clear; count may be negative or past the width.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Mask(int count) => Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).AsSingle();
}
