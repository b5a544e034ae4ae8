using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// <see cref="Im2Col"/>'s unfold and fold of one image for stride 1, in AVX-512. An output row of a small convolution
/// is short (LeNet's are 28 and 10 wide), so copying it piecewise (clear the left padding, copy the inside, clear the
/// right padding) is mostly call overhead; a masked load reads the inside with zeros for the padding and one masked
/// store writes the whole row, sixteen columns at a time.
/// </summary>
internal static unsafe class Im2ColStride1
{
    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>
    /// One image's columns of the unfolded matrix: row (c, ky, kx), column oy·outW + ox holds
    /// image[c, oy − pad + ky, ox − pad + kx], or 0 in the padding.
    /// </summary>
    /// <param name="image">The image, [inC, inH, inW].</param>
    /// <param name="columns">Its first column; rows lie <paramref name="rowLength"/> apart.</param>
    /// <param name="shape">The convolution.</param>
    /// <param name="rowLength">Columns of the unfolded matrix: images per GEMM · outH·outW.</param>
    public static void UnfoldImage(float* image, float* columns, in ConvShape shape, int rowLength)
    {
        // Locals, not the shape's fields: the stores through float pointers could alias them, which would make the
        // JIT read every field again on every row.
        int inHeight = shape.InHeight, inWidth = shape.InWidth, outHeight = shape.OutHeight, outWidth = shape.OutWidth;
        int pad = shape.Pad, kernelHeight = shape.KernelHeight, kernelWidth = shape.KernelWidth;
        float* target = columns;
        for (int c = 0; c < shape.InChannels; c++)
        {
            float* plane = image + c * inHeight * inWidth;
            for (int ky = 0; ky < kernelHeight; ky++)
            {
                // Output rows [top, bottom) read input rows inside the image; the others read padding.
                int top = Math.Clamp(pad - ky, 0, outHeight);
                int bottom = Math.Clamp(inHeight + pad - ky, top, outHeight);
                for (int kx = 0; kx < kernelWidth; kx++, target += rowLength)
                {
                    int shift = kx - pad;
                    for (int ox = 0; ox < outWidth; ox += 16)
                    {
                        Vector512<float> row = Between(ox, 0, outWidth);
                        Vector512<float> inside = Between(ox, -shift, inWidth - shift);
                        float* to = target + ox;
                        float* from = plane + (top - pad + ky) * inWidth + ox + shift;
                        int oy = 0;
                        for (; oy < top; oy++, to += outWidth)
                        {
                            Avx512F.MaskStore(to, row, Vector512<float>.Zero);
                        }

                        for (; oy < bottom; oy++, to += outWidth, from += inWidth)
                        {
                            Avx512F.MaskStore(to, row, Avx512F.MaskLoad(from, inside, Vector512<float>.Zero));
                        }

                        for (; oy < outHeight; oy++, to += outWidth)
                        {
                            Avx512F.MaskStore(to, row, Vector512<float>.Zero);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The inverse of <see cref="UnfoldImage"/>: overwrites its gradient [inC, inH, inW] with, for each
    /// element, the sum of its column gradients in the order of the rows (c, ky, kx) they come from.
    /// </summary>
    /// <remarks>
    /// Each image row is summed in a register and stored once, rather than added to in memory once per kernel
    /// element: those read-modify-writes of overlapping rows made every load wait for the store before it. A lane
    /// that a row does not reach adds +0, which changes no sum: the sum starts at +0 and so is never −0, the one
    /// value that adding +0 would change. The result is exactly the scalar loop's, 0 plus each contribution in row order.
    /// </remarks>
    /// <param name="columns">The image's first column gradient; rows lie <paramref name="rowLength"/> apart.</param>
    /// <param name="gradient">The image's input gradient.</param>
    /// <param name="shape">The convolution.</param>
    /// <param name="rowLength">Columns of the unfolded matrix: images per GEMM · outH·outW.</param>
    public static void FoldImage(float* columns, float* gradient, in ConvShape shape, int rowLength)
    {
        int inHeight = shape.InHeight, inWidth = shape.InWidth, outHeight = shape.OutHeight, outWidth = shape.OutWidth;
        int pad = shape.Pad, kernelHeight = shape.KernelHeight, kernelWidth = shape.KernelWidth;
        float* to = gradient;
        for (int c = 0; c < shape.InChannels; c++)
        {
            float* channel = columns + (long)c * kernelHeight * kernelWidth * rowLength;
            for (int iy = 0; iy < inHeight; iy++, to += inWidth)
            {
                // The kernel rows whose output row oy = iy + pad − ky lies in the output.
                int kyFirst = Math.Max(0, iy + pad - outHeight + 1);
                int kyEnd = Math.Min(kernelHeight, iy + pad + 1);
                for (int ix = 0; ix < inWidth; ix += 16)
                {
                    Vector512<float> sum = Vector512<float>.Zero;
                    for (int ky = kyFirst; ky < kyEnd; ky++)
                    {
                        float* source = channel + (long)ky * kernelWidth * rowLength + (iy + pad - ky) * outWidth;
                        for (int kx = 0; kx < kernelWidth; kx++, source += rowLength)
                        {
                            // Lane ix + l takes output column ox = ix + l + pad − kx, where that lies in the row.
                            int ox = ix + pad - kx;
                            sum += Avx512F.MaskLoad(source + ox, Between(ox, 0, outWidth), Vector512<float>.Zero);
                        }
                    }

                    Avx512F.MaskStore(to + ix, Between(ix, 0, inWidth), sum);
                }
            }
        }
    }

    /// <summary>The lanes of the sixteen columns from <paramref name="ox"/> that lie in [first, end).</summary>
    private static Vector512<float> Between(int ox, int first, int end)
    {
        Vector512<int> column = Vector512<int>.Indices + Vector512.Create(ox);
        return (Vector512.GreaterThanOrEqual(column, Vector512.Create(first)) & Vector512.LessThan(column, Vector512.Create(end))).AsSingle();
    }
}
