using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MapDsl.Runtime.Engine.Kernels;

/// <summary>
/// The kernel for machines without FMA (or not x86): a 4 x 8 tile in eight 128-bit accumulators with a
/// separate multiply and add. Vector128 is accelerated almost everywhere .NET runs and falls back to
/// scalar code where it is not, so this is correct everywhere and merely slower.
/// </summary>
internal readonly unsafe struct PortableKernel4x8 : IMicroKernel
{
    public static int Mr => 4;

    public static int Nr => 8;

    public static int Kc => 256;

    public static int Mc => 128;

    public static int Nc => 2048;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, nint ldb, float* c, nint rsC, int rows, int cols, bool add)
    {
        Vector128<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector128<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector128.Load(b);
            var b1 = Vector128.Load(b + 4);
            var ai = Vector128.Create(a[0]);
            c00 += ai * b0;
            c01 += ai * b1;
            ai = Vector128.Create(a[1]);
            c10 += ai * b0;
            c11 += ai * b1;
            ai = Vector128.Create(a[2]);
            c20 += ai * b0;
            c21 += ai * b1;
            ai = Vector128.Create(a[3]);
            c30 += ai * b0;
            c31 += ai * b1;
            a += 4;
            b += ldb;
        }

        Write(c, c00, c01, cols, add);
        if (rows > 1)
        {
            Write(c + rsC, c10, c11, cols, add);
        }

        if (rows > 2)
        {
            Write(c + (2 * rsC), c20, c21, cols, add);
        }

        if (rows > 3)
        {
            Write(c + (3 * rsC), c30, c31, cols, add);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(float* c, Vector128<float> t0, Vector128<float> t1, int cols, bool add)
    {
        if (cols == 8)
        {
            if (add)
            {
                t0 += Vector128.Load(c);
                t1 += Vector128.Load(c + 4);
            }

            t0.Store(c);
            t1.Store(c + 4);
            return;
        }

        // Ragged: lane by lane, the same single addition as the vector path.
        for (var j = 0; j < cols; j++)
        {
            var t = j < 4 ? t0.GetElement(j) : t1.GetElement(j - 4);
            c[j] = add ? t + c[j] : t;
        }
    }
}
