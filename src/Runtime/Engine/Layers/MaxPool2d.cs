namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// Max pooling over kH × kW windows of each NCHW plane, without padding; outH and outW follow
/// <see cref="Sizes.PoolOutput"/>. The stride may differ between directions because an .xmap pool without
/// <c>stride</c> steps by its window, and a window need not be square.
/// </summary>
public static class MaxPool2d
{
    /// <summary>output = the maximum of each window; records where it came from for <see cref="Backward"/>.</summary>
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
        bool recordArgmax = !argmax.IsEmpty;

        for (int plane = 0, o = 0; plane < shape.Planes; plane++)
        {
            int planeStart = plane * shape.InputPlane;
            for (int oy = 0; oy < shape.OutHeight; oy++)
            {
                for (int ox = 0; ox < shape.OutWidth; ox++, o++)
                {
                    int top = planeStart + oy * strideHeight * inWidth + ox * strideWidth;
                    int best = top;
                    float max = input[top];
                    for (int ky = 0; ky < windowHeight; ky++)
                    {
                        int rowStart = top + ky * inWidth;
                        for (int kx = 0; kx < windowWidth; kx++)
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
    public static void Backward(ReadOnlySpan<float> gradOutput, ReadOnlySpan<int> argmax, Span<float> gradInput)
    {
        SpanLength.Require(argmax.Length, gradOutput.Length, nameof(argmax));
        gradInput.Clear();
        for (int o = 0; o < gradOutput.Length; o++)
        {
            gradInput[argmax[o]] += gradOutput[o];
        }
    }
}
