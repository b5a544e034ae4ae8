using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// Max pooling with 2 × 2 windows stepping 2 (the .xmap <c>maxpool 2x2</c> of most CNNs) in AVX-512: sixteen windows
/// of a row pair at a time instead of one branchy window at a time.
/// </summary>
/// <remarks>
/// The result is bit-identical to <see cref="MaxPool2d"/>'s window loop, NaNs and signed zeros included, because it
/// makes the same decisions: it visits a window in row-major order and replaces the running maximum only where the
/// next value is strictly greater, as compare-and-select on whole vectors instead of branches, and it never uses a
/// max instruction (which orders NaN and ±0 its own way).
/// </remarks>
internal static unsafe class MaxPool2x2
{
    public static bool Fits(in PoolShape shape) =>
        shape.WindowHeight == 2 && shape.WindowWidth == 2 && shape.StrideHeight == 2 && shape.StrideWidth == 2
        && Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary><see cref="MaxPool2d.Forward"/>, on the worker pool too; <paramref name="argmax"/> may be null.</summary>
    public static void Forward(float* input, float* output, int* argmax, in PoolShape shape) =>
        ParallelItems.Run(new PlanesPass(input, output, argmax, shape), shape.Planes, shape.InputPlane + 2L * shape.OutputPlane);

    /// <summary>Planes [firstPlane, endPlane) on this thread: each plane's windows are its own.</summary>
    private static void Forward(float* input, float* output, int* argmax, in PoolShape shape, int firstPlane, int endPlane)
    {
        // Locals, not the shape's fields: the stores through pointers could alias them.
        int width = shape.InWidth, inputPlane = shape.InputPlane, outHeight = shape.OutHeight, outWidth = shape.OutWidth;
        for (int plane = firstPlane; plane < endPlane; plane++)
        {
            for (int oy = 0; oy < outHeight; oy++)
            {
                int top = plane * inputPlane + 2 * oy * width;
                int o = (plane * outHeight + oy) * outWidth;
                for (int ox = 0; ox < outWidth; ox += 16)
                {
                    int windows = Math.Min(16, outWidth - ox);
                    Windows(input, top + 2 * ox, width, windows, output + o + ox, argmax == null ? null : argmax + o + ox);
                }
            }
        }
    }

    /// <summary>
    /// The maxima of <paramref name="windows"/> (at most 16) adjacent windows whose top-left element is input[top]:
    /// each row pair is loaded as two masked halves, then split into even and odd columns.
    /// </summary>
    private static void Windows(float* input, int top, int width, int windows, float* output, int* argmax)
    {
        Vector512<float> low = Lanes(2 * windows);
        Vector512<float> high = Lanes(2 * windows - 16);
        float* upper = input + top;
        float* lower = upper + width;
        Vector512<float> upper0 = Avx512F.MaskLoad(upper, low, Vector512<float>.Zero);
        Vector512<float> upper1 = Avx512F.MaskLoad(upper + 16, high, Vector512<float>.Zero);
        Vector512<float> lower0 = Avx512F.MaskLoad(lower, low, Vector512<float>.Zero);
        Vector512<float> lower1 = Avx512F.MaskLoad(lower + 16, high, Vector512<float>.Zero);

        Vector512<int> even = Vector512<int>.Indices * 2;
        Vector512<int> odd = even + Vector512<int>.One;
        Vector512<int> index = Vector512.Create(top) + even;

        // Row-major window order: upper left, upper right, lower left, lower right.
        Vector512<float> max = Avx512F.PermuteVar16x32x2(upper0, even, upper1);
        Vector512<int> best = index;
        Replace(ref max, ref best, Avx512F.PermuteVar16x32x2(upper0, odd, upper1), index + Vector512<int>.One);
        Replace(ref max, ref best, Avx512F.PermuteVar16x32x2(lower0, even, lower1), index + Vector512.Create(width));
        Replace(ref max, ref best, Avx512F.PermuteVar16x32x2(lower0, odd, lower1), index + Vector512.Create(width + 1));

        Vector512<float> outputs = Lanes(windows);
        Avx512F.MaskStore(output, outputs, max);
        if (argmax != null)
        {
            Avx512F.MaskStore(argmax, outputs.AsInt32(), best);
        }
    }

    private readonly struct PlanesPass(float* input, float* output, int* argmax, PoolShape shape) : IItemPass
    {
        public void Run(int start, int end) => Forward(input, output, argmax, shape, start, end);
    }

    // Strictly greater, as the scalar loop: a tie or a NaN keeps the earlier element.
    private static void Replace(ref Vector512<float> max, ref Vector512<int> best, Vector512<float> candidate, Vector512<int> at)
    {
        Vector512<float> greater = Vector512.GreaterThan(candidate, max);
        max = Vector512.ConditionalSelect(greater, candidate, max);
        best = Vector512.ConditionalSelect(greater.AsInt32(), at, best);
    }

    /// <summary>A mask of the first <paramref name="count"/> lanes (none for count ≤ 0).</summary>
    private static Vector512<float> Lanes(int count) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();
}
