using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MapDsl.Runtime.Engine.Kernels;

/// <summary>
/// AVX2 + FMA, the general kernel: a 6 x 16 tile in 12 ymm accumulators (of 16), two B vectors and a
/// broadcast of A. Twelve chains cover the FMA latency of two pipes; the registers left are one step's operands.
/// </summary>
internal readonly unsafe struct Avx2Kernel6x16 : IMicroKernel
{
    public static int Mr => 6;

    public static int Nr => 16;

    // 256 x 16 floats of B (16 KB) plus a 6 KB sliver of A fit a 32 KB L1.
    public static int Kc => 256;

    public static int Mc => 120;

    public static int Nc => 2048;

    public static bool IsSupported => Fma.IsSupported;

    // Not inlined into the driver: the kernel wants nearly every vector register to itself.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, nint ldb, float* c, nint rsC, int rows, int cols, bool add)
    {
        Vector256<float> c0_0 = default, c0_1 = default;
        Vector256<float> c1_0 = default, c1_1 = default;
        Vector256<float> c2_0 = default, c2_1 = default;
        Vector256<float> c3_0 = default, c3_1 = default;
        Vector256<float> c4_0 = default, c4_1 = default;
        Vector256<float> c5_0 = default, c5_1 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]);
            c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
            c0_1 = Fma.MultiplyAdd(a0, b1, c0_1);
            var a1 = Vector256.Create(a[1]);
            c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
            c1_1 = Fma.MultiplyAdd(a1, b1, c1_1);
            var a2 = Vector256.Create(a[2]);
            c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
            c2_1 = Fma.MultiplyAdd(a2, b1, c2_1);
            var a3 = Vector256.Create(a[3]);
            c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
            c3_1 = Fma.MultiplyAdd(a3, b1, c3_1);
            var a4 = Vector256.Create(a[4]);
            c4_0 = Fma.MultiplyAdd(a4, b0, c4_0);
            c4_1 = Fma.MultiplyAdd(a4, b1, c4_1);
            var a5 = Vector256.Create(a[5]);
            c5_0 = Fma.MultiplyAdd(a5, b0, c5_0);
            c5_1 = Fma.MultiplyAdd(a5, b1, c5_1);
            a += 6;
            b += ldb;
        }

        if (rows == 6 && cols == 16)
        {
            Write(c, c0_0, c0_1, add);
            Write(c + rsC, c1_0, c1_1, add);
            Write(c + (2 * rsC), c2_0, c2_1, add);
            Write(c + (3 * rsC), c3_0, c3_1, add);
            Write(c + (4 * rsC), c4_0, c4_1, add);
            Write(c + (5 * rsC), c5_0, c5_1, add);
            return;
        }

        // A ragged tile: whole rows up to rows, lanes up to cols, through masks that never touch memory past them.
        var m0 = Mask(cols);
        var m1 = Mask(cols - 8);
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
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(float* c, Vector256<float> t0, Vector256<float> t1, bool add)
    {
        if (add)
        {
            t0 += Vector256.Load(c);
            t1 += Vector256.Load(c + 8);
        }

        t0.Store(c);
        t1.Store(c + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteMasked(float* c, Vector256<float> t0, Vector256<float> t1, Vector256<float> m0, Vector256<float> m1, bool add)
    {
        if (add)
        {
            t0 += Avx.MaskLoad(c, m0);
            t1 += Avx.MaskLoad(c + 8, m1);
        }

        Avx.MaskStore(c, m0, t0);
        Avx.MaskStore(c + 8, m1, t1);
    }

    // Lanes below count set (all bits), the rest clear; count may be negative or past the width.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Mask(int count) => Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).AsSingle();
}
