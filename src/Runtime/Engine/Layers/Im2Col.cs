namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// Unfolds input patches into the columns of a matrix so a convolution becomes one GEMM, and folds column gradients
/// back. Element (row, column) of the unfolded matrix, with row = (c·kH + ky)·kW + kx (the order of a PyTorch weight's
/// [in, kh, kw] tail) and column = image·outH·outW + oy·outW + ox, is the zero-padded input
/// [firstImage + image, c, oy·stride − pad + ky, ox·stride − pad + kx].
/// </summary>
internal static unsafe class Im2Col
{
    /// <summary>Unfolds one image, <paramref name="image"/>, into <paramref name="columns"/> [inC·kH·kW, outH·outW].</summary>
    public static void Unfold(ReadOnlySpan<float> input, Span<float> columns, in ConvShape shape, int image)
    {
        fixed (float* from = input, to = columns)
        {
            Unfold(from, to, shape, image, 1);
        }
    }

    /// <summary>
    /// Unfolds images [firstImage, firstImage + images) into <paramref name="columns"/>
    /// [inC·kH·kW, images·outH·outW].
    /// </summary>
    public static void Unfold(float* input, float* columns, in ConvShape shape, int firstImage, int images)
    {
        int rowLength = images * shape.OutputPlane;
        for (int image = 0; image < images; image++)
        {
            if (Stride1Rows(shape))
            {
                Im2ColStride1.UnfoldImage(input + (long)(firstImage + image) * shape.InputImage, columns + (long)image * shape.OutputPlane, shape, rowLength);
                continue;
            }

            if (shape.Stride == 2 && Im2ColStride2.IsSupported)
            {
                Im2ColStride2.UnfoldImage(input + (long)(firstImage + image) * shape.InputImage, columns + (long)image * shape.OutputPlane, shape, rowLength);
                continue;
            }

            for (int c = 0; c < shape.InChannels; c++)
            {
                float* plane = input + (long)(firstImage + image) * shape.InputImage + (long)c * shape.InputPlane;
                for (int ky = 0; ky < shape.KernelHeight; ky++)
                {
                    for (int kx = 0; kx < shape.KernelWidth; kx++)
                    {
                        int row = (c * shape.KernelHeight + ky) * shape.KernelWidth + kx;
                        float* target = columns + (long)row * rowLength + (long)image * shape.OutputPlane;
                        (int first, int last) = InsideColumns(shape, kx);
                        UnfoldPlane(new(plane, shape.InputPlane), new(target, shape.OutputPlane), shape, ky, kx, first, last);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Overwrites the gradient of images [firstImage, firstImage + images) with the sum, over every patch an input
    /// element appears in, of that patch's column gradient in <paramref name="columns"/> [inC·kH·kW, images·outH·outW];
    /// padding positions have no input element and are dropped. Each element gets the contributions of the rows
    /// (c, ky, kx) in row order, so that images may be folded a few at a time, on any thread, with the same sums.
    /// </summary>
    public static void Fold(float* columns, float* input, in ConvShape shape, int firstImage, int images)
    {
        int rowLength = images * shape.OutputPlane;
        for (int image = 0; image < images; image++)
        {
            float* gradient = input + (long)(firstImage + image) * shape.InputImage;
            float* imageColumns = columns + (long)image * shape.OutputPlane;
            if (Stride1Rows(shape))
            {
                Im2ColStride1.FoldImage(imageColumns, gradient, shape, rowLength);
                continue;
            }

            new Span<float>(gradient, shape.InputImage).Clear();
            for (int c = 0; c < shape.InChannels; c++)
            {
                float* plane = gradient + (long)c * shape.InputPlane;
                for (int ky = 0; ky < shape.KernelHeight; ky++)
                {
                    for (int kx = 0; kx < shape.KernelWidth; kx++)
                    {
                        int row = (c * shape.KernelHeight + ky) * shape.KernelWidth + kx;
                        (int first, int last) = InsideColumns(shape, kx);
                        FoldPlane(new(imageColumns + (long)row * rowLength, shape.OutputPlane), new(plane, shape.InputPlane), shape, ky, kx, first, last);
                    }
                }
            }
        }
    }

    private static bool Stride1Rows(in ConvShape shape) => shape.Stride == 1 && Im2ColStride1.IsSupported;

    private static void UnfoldPlane(
        ReadOnlySpan<float> plane, Span<float> target, in ConvShape shape, int ky, int kx, int first, int end)
    {
        int stride = shape.Stride;
        for (int oy = 0; oy < shape.OutHeight; oy++)
        {
            Span<float> outRow = target.Slice(oy * shape.OutWidth, shape.OutWidth);
            int iy = oy * stride - shape.Pad + ky;
            if ((uint)iy >= (uint)shape.InHeight)
            {
                outRow.Clear();
                continue;
            }

            ReadOnlySpan<float> inRow = plane.Slice(iy * shape.InWidth, shape.InWidth);
            outRow[..first].Clear();
            outRow[end..].Clear();
            int ix = first * stride - shape.Pad + kx;
            if (stride == 1)
            {
                inRow.Slice(ix, end - first).CopyTo(outRow.Slice(first));
                continue;
            }

            for (int ox = first; ox < end; ox++, ix += stride)
            {
                outRow[ox] = inRow[ix];
            }
        }
    }

    private static void FoldPlane(
        ReadOnlySpan<float> source, Span<float> plane, in ConvShape shape, int ky, int kx, int first, int end)
    {
        int stride = shape.Stride;
        for (int oy = 0; oy < shape.OutHeight; oy++)
        {
            int iy = oy * stride - shape.Pad + ky;
            if ((uint)iy >= (uint)shape.InHeight)
            {
                continue;
            }

            ReadOnlySpan<float> outRow = source.Slice(oy * shape.OutWidth, shape.OutWidth);
            Span<float> inRow = plane.Slice(iy * shape.InWidth, shape.InWidth);
            int ix = first * stride - shape.Pad + kx;
            if (stride == 1)
            {
                VectorMath.AddInPlace(inRow.Slice(ix, end - first), outRow.Slice(first, end - first));
                continue;
            }

            for (int ox = first; ox < end; ox++, ix += stride)
            {
                inRow[ix] += outRow[ox];
            }
        }
    }

    /// <summary>
    /// The output columns [first, end) whose input column ox·stride − pad + kx lies inside the image; the others read
    /// padding. Computed once per kernel column so the inner loops need no bounds tests.
    /// </summary>
    private static (int First, int End) InsideColumns(in ConvShape shape, int kx)
    {
        int stride = shape.Stride;
        int leftGap = shape.Pad - kx;
        int first = leftGap <= 0 ? 0 : (leftGap + stride - 1) / stride;
        int lastReach = shape.InWidth - 1 + shape.Pad - kx;
        int end = lastReach < 0 ? 0 : Math.Min(shape.OutWidth, lastReach / stride + 1);
        first = Math.Min(first, shape.OutWidth);
        return (first, Math.Max(first, end));
    }
}
