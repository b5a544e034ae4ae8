namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// Unfolds input patches into the columns of a matrix so a convolution becomes one GEMM, and folds column gradients
/// back. Element (row, column) of the unfolded matrix, with row = (c·kH + ky)·kW + kx (the order of a PyTorch weight's
/// [in, kh, kw] tail) and column = image·outH·outW + oy·outW + ox, is the zero-padded input
/// [firstImage + image, c, oy·stride − pad + ky, ox·stride − pad + kx].
/// </summary>
internal static class Im2Col
{
    public static void Unfold(ReadOnlySpan<float> input, Span<float> columns, in ConvShape shape, int firstImage, int images)
    {
        int rowLength = images * shape.OutputPlane;
        for (int c = 0; c < shape.InChannels; c++)
        {
            for (int ky = 0; ky < shape.KernelHeight; ky++)
            {
                for (int kx = 0; kx < shape.KernelWidth; kx++)
                {
                    int row = (c * shape.KernelHeight + ky) * shape.KernelWidth + kx;
                    Span<float> target = columns.Slice(row * rowLength, rowLength);
                    (int first, int end) = InsideColumns(shape, kx);
                    for (int image = 0; image < images; image++)
                    {
                        ReadOnlySpan<float> plane = input.Slice(
                            (firstImage + image) * shape.InputImage + c * shape.InputPlane, shape.InputPlane);
                        UnfoldPlane(plane, target.Slice(image * shape.OutputPlane, shape.OutputPlane), shape, ky, kx, first, end);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Overwrites the gradient of images [firstImage, firstImage + images) with the sum, over every patch an input
    /// element appears in, of that patch's column gradient. Padding positions have no input element and are dropped.
    /// </summary>
    public static void Fold(ReadOnlySpan<float> columns, Span<float> input, in ConvShape shape, int firstImage, int images)
    {
        input.Slice(firstImage * shape.InputImage, images * shape.InputImage).Clear();
        int rowLength = images * shape.OutputPlane;
        for (int c = 0; c < shape.InChannels; c++)
        {
            for (int ky = 0; ky < shape.KernelHeight; ky++)
            {
                for (int kx = 0; kx < shape.KernelWidth; kx++)
                {
                    int row = (c * shape.KernelHeight + ky) * shape.KernelWidth + kx;
                    ReadOnlySpan<float> source = columns.Slice(row * rowLength, rowLength);
                    (int first, int end) = InsideColumns(shape, kx);
                    for (int image = 0; image < images; image++)
                    {
                        Span<float> plane = input.Slice(
                            (firstImage + image) * shape.InputImage + c * shape.InputPlane, shape.InputPlane);
                        FoldPlane(source.Slice(image * shape.OutputPlane, shape.OutputPlane), plane, shape, ky, kx, first, end);
                    }
                }
            }
        }
    }

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
