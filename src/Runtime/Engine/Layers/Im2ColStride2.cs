using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// im2col of one image for a stride-2 convolution with AVX-512 (the down-sampling convs of residual networks):
/// sixteen output columns read 32 consecutive input values, two masked loads, and keep every second one with one
/// permute. Padding and the image's edges are masked lanes, so the result equals <see cref="Im2Col"/>'s scalar loop.
/// </summary>
internal static unsafe class Im2ColStride2
{
    // Lanes 0, 2, ..., 30 of the 32 values in (low, high).
    private static readonly Vector512<int> EvenLanes = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);

    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>Writes the image's rows (c, ky, kx) of the unfolded matrix, each <paramref name="rowLength"/> apart.</summary>
    /// <param name="image">The image, [inC, inH, inW].</param>
    /// <param name="columns">Where its first row starts.</param>
    /// <param name="shape">A convolution with stride 2.</param>
    /// <param name="rowLength">Columns of the unfolded matrix: images per GEMM · outH·outW.</param>
    public static void UnfoldImage(float* image, float* columns, in ConvShape shape, int rowLength)
    {
        int inHeight = shape.InHeight, inWidth = shape.InWidth, outHeight = shape.OutHeight, outWidth = shape.OutWidth;
        int pad = shape.Pad, kernelHeight = shape.KernelHeight, kernelWidth = shape.KernelWidth;
        float* target = columns;
        for (int c = 0; c < shape.InChannels; c++)
        {
            float* plane = image + c * inHeight * inWidth;
            for (int ky = 0; ky < kernelHeight; ky++)
            {
                for (int kx = 0; kx < kernelWidth; kx++, target += rowLength)
                {
                    float* to = target;
                    for (int oy = 0; oy < outHeight; oy++, to += outWidth)
                    {
                        int iy = (2 * oy) - pad + ky;
                        for (int ox = 0; ox < outWidth; ox += 16)
                        {
                            Vector512<float> row = Between(ox, 0, outWidth);
                            if ((uint)iy >= (uint)inHeight)
                            {
                                Avx512F.MaskStore(to + ox, row, Vector512<float>.Zero);
                                continue;
                            }

                            // Output column ox + j reads input column 2(ox + j) − pad + kx = first + 2j.
                            int first = (2 * ox) - pad + kx;
                            float* from = plane + (iy * inWidth) + first;
                            Vector512<float> low = Avx512F.MaskLoad(from, Between(first, 0, inWidth), Vector512<float>.Zero);
                            Vector512<float> high = Avx512F.MaskLoad(from + 16, Between(first + 16, 0, inWidth), Vector512<float>.Zero);
                            Avx512F.MaskStore(to + ox, row, Avx512F.PermuteVar16x32x2(low, EvenLanes, high));
                        }
                    }
                }
            }
        }
    }

    /// <summary>The lanes of the sixteen columns from <paramref name="column"/> that lie in [first, end).</summary>
    private static Vector512<float> Between(int column, int first, int end)
    {
        Vector512<int> columns = Vector512<int>.Indices + Vector512.Create(column);
        return (Vector512.GreaterThanOrEqual(columns, Vector512.Create(first)) & Vector512.LessThan(columns, Vector512.Create(end))).AsSingle();
    }
}
