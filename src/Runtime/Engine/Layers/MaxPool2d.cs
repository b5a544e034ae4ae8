namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// Max pooling over kH × kW windows of each NCHW plane, without padding; outH and outW follow
/// <see cref="Sizes.PoolOutput"/>. The stride may differ between directions because an .xmap pool without
/// <c>stride</c> steps by its window, and a window need not be square.
/// </summary>
public static class MaxPool2d
{
    /// <summary>output = the maximum of each window; records where it came from for <see cref="Backward(ReadOnlySpan{float}, ReadOnlySpan{int}, Span{float})"/>.</summary>
    /// <param name="input">[batch, channels, inH, inW].</param>
    /// <param name="output">[batch, channels, outH, outW].</param>
    /// <param name="argmax">
    /// As long as <paramref name="output"/>: for each output, the index into <paramref name="input"/> (the whole batch,
    /// not the plane) of its maximum, the first in row-major window order on ties. Empty to skip, for inference.
    /// </param>
    /// <param name="batch">Images.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="windowHeight">Window height.</param>
    /// <param name="windowWidth">Window width.</param>
    /// <param name="strideHeight">Step down.</param>
    /// <param name="strideWidth">Step across.</param>
    public static void Forward(
        ReadOnlySpan<float> input, Span<float> output, Span<int> argmax,
        int batch, int channels, int inHeight, int inWidth, int windowHeight, int windowWidth, int strideHeight, int strideWidth)
    {
        var shape = new PoolShape(batch, channels, inHeight, inWidth, windowHeight, windowWidth, strideHeight, strideWidth);
        SpanLength.Require(input.Length, shape.InputLength, nameof(input));
        SpanLength.Require(output.Length, shape.OutputLength, nameof(output));
        SpanLength.RequireOrEmpty(argmax.Length, shape.OutputLength, nameof(argmax));
        if (MaxPool2x2.Fits(shape))
        {
            unsafe
            {
                fixed (float* from = input, to = output)
                fixed (int* at = argmax)
                {
                    MaxPool2x2.Forward(from, to, at, shape);
                }
            }

            return;
        }

        AnyWindow(input, output, argmax, shape);
    }

    /// <summary>
    /// The reference loop, for any window and stride; <see cref="MaxPool2x2"/> takes the common 2 × 2 case and must
    /// agree with it bit for bit.
    /// </summary>
    internal static void AnyWindow(ReadOnlySpan<float> input, Span<float> output, Span<int> argmax, in PoolShape shape)
    {
        bool recordArgmax = !argmax.IsEmpty;
        int inWidth = shape.InWidth;
        for (int plane = 0, o = 0; plane < shape.Planes; plane++)
        {
            int planeStart = plane * shape.InputPlane;
            for (int oy = 0; oy < shape.OutHeight; oy++)
            {
                for (int ox = 0; ox < shape.OutWidth; ox++, o++)
                {
                    int top = planeStart + oy * shape.StrideHeight * inWidth + ox * shape.StrideWidth;
                    int best = top;
                    float max = input[top];
                    for (int ky = 0; ky < shape.WindowHeight; ky++)
                    {
                        int rowStart = top + ky * inWidth;
                        for (int kx = 0; kx < shape.WindowWidth; kx++)
                        {
                            // Strictly greater keeps the first maximum, so ties route the gradient deterministically.
                            if (input[rowStart + kx] > max)
                            {
                                max = input[rowStart + kx];
                                best = rowStart + kx;
                            }
                        }
                    }

                    output[o] = max;
                    if (recordArgmax)
                    {
                        argmax[o] = best;
                    }
                }
            }
        }
    }

    /// <summary>
    /// gradInput = each output's gradient routed to the input element that was its maximum; overlapping windows
    /// (stride smaller than the window) add up. <paramref name="gradInput"/> is overwritten.
    /// </summary>
    /// <param name="gradOutput">[batch, channels, outH, outW].</param>
    /// <param name="argmax">From <see cref="Forward"/>; being indices into the whole input, it carries the shape.</param>
    /// <param name="gradInput">[batch, channels, inH, inW].</param>
    public static void Backward(ReadOnlySpan<float> gradOutput, ReadOnlySpan<int> argmax, Span<float> gradInput) =>
        Backward(gradOutput, argmax, gradInput, planes: 1);

    /// <summary>
    /// <see cref="Backward(ReadOnlySpan{float}, ReadOnlySpan{int}, Span{float})"/> plane by plane, on the worker pool
    /// too. A window lies in one plane, so each input element gets the same additions, in the same order, from
    /// the outputs of its own plane whichever thread routes them.
    /// </summary>
    /// <param name="gradOutput">[planes, outH·outW].</param>
    /// <param name="argmax">From <see cref="Forward"/>.</param>
    /// <param name="gradInput">[planes, inH·inW].</param>
    /// <param name="planes">batch · channels.</param>
    internal static void Backward(ReadOnlySpan<float> gradOutput, ReadOnlySpan<int> argmax, Span<float> gradInput, int planes)
    {
        SpanLength.Require(argmax.Length, gradOutput.Length, nameof(argmax));
        unsafe
        {
            fixed (float* dy = gradOutput, dx = gradInput)
            fixed (int* at = argmax)
            {
                var pass = new BackwardPass(dy, at, dx, gradOutput.Length / planes, gradInput.Length, planes);
                ParallelItems.Run(pass, planes, 2L * (gradOutput.Length + gradInput.Length) / planes);
            }
        }
    }

    private readonly unsafe struct BackwardPass(float* gradOutput, int* argmax, float* gradInput, int outputPlane, int inputLength, int planes) : IItemPass
    {
        public void Run(int start, int end)
        {
            // Indexed through a span of the whole gradient, so that an argmax out of range throws instead of writing anywhere.
            var target = new Span<float>(gradInput, inputLength);
            int inputPlane = inputLength / planes;
            target.Slice(start * inputPlane, (end - start) * inputPlane).Clear();
            for (int o = start * outputPlane; o < end * outputPlane; o++)
            {
                target[argmax[o]] += gradOutput[o];
            }
        }
    }
}
