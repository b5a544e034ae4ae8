namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// Average pooling over kH × kW windows of each NCHW plane, without padding, so every window divides by kH·kW.
/// Shapes and strides as for <see cref="MaxPool2d"/>.
/// </summary>
public static class AvgPool2d
{
    /// <summary>output = the mean of each window.</summary>
    /// <param name="input">[batch, channels, inH, inW].</param>
    /// <param name="output">[batch, channels, outH, outW].</param>
    /// <param name="batch">Images.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="windowHeight">Window height.</param>
    /// <param name="windowWidth">Window width.</param>
    /// <param name="strideHeight">Step down.</param>
    /// <param name="strideWidth">Step across.</param>
    public static void Forward(
        ReadOnlySpan<float> input, Span<float> output,
        int batch, int channels, int inHeight, int inWidth, int windowHeight, int windowWidth, int strideHeight, int strideWidth)
    {
        var shape = new PoolShape(batch, channels, inHeight, inWidth, windowHeight, windowWidth, strideHeight, strideWidth);
        SpanLength.Require(input.Length, shape.InputLength, nameof(input));
        SpanLength.Require(output.Length, shape.OutputLength, nameof(output));
        float scale = 1f / (windowHeight * windowWidth);

        for (int plane = 0, o = 0; plane < shape.Planes; plane++)
        {
            int planeStart = plane * shape.InputPlane;
            for (int oy = 0; oy < shape.OutHeight; oy++)
            {
                for (int ox = 0; ox < shape.OutWidth; ox++, o++)
                {
                    int top = planeStart + oy * strideHeight * inWidth + ox * strideWidth;
                    float sum = 0f;
                    for (int ky = 0; ky < windowHeight; ky++)
                    {
                        int rowStart = top + ky * inWidth;
                        for (int kx = 0; kx < windowWidth; kx++)
                        {
                            sum += input[rowStart + kx];
                        }
                    }

                    output[o] = sum * scale;
                }
            }
        }
    }

    /// <summary>
    /// gradInput = each output's gradient spread evenly over its window; overlapping windows add up, and input
    /// elements no window covers (the floor in the output size) get 0. <paramref name="gradInput"/> is overwritten.
    /// </summary>
    /// <param name="gradOutput">[batch, channels, outH, outW].</param>
    /// <param name="gradInput">[batch, channels, inH, inW].</param>
    /// <param name="batch">Images.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="windowHeight">Window height.</param>
    /// <param name="windowWidth">Window width.</param>
    /// <param name="strideHeight">Step down.</param>
    /// <param name="strideWidth">Step across.</param>
    public static void Backward(
        ReadOnlySpan<float> gradOutput, Span<float> gradInput,
        int batch, int channels, int inHeight, int inWidth, int windowHeight, int windowWidth, int strideHeight, int strideWidth)
    {
        var shape = new PoolShape(batch, channels, inHeight, inWidth, windowHeight, windowWidth, strideHeight, strideWidth);
        SpanLength.Require(gradOutput.Length, shape.OutputLength, nameof(gradOutput));
        SpanLength.Require(gradInput.Length, shape.InputLength, nameof(gradInput));
        float scale = 1f / (windowHeight * windowWidth);

        gradInput.Clear();
        for (int plane = 0, o = 0; plane < shape.Planes; plane++)
        {
            int planeStart = plane * shape.InputPlane;
            for (int oy = 0; oy < shape.OutHeight; oy++)
            {
                for (int ox = 0; ox < shape.OutWidth; ox++, o++)
                {
                    int top = planeStart + oy * strideHeight * inWidth + ox * strideWidth;
                    float share = gradOutput[o] * scale;
                    for (int ky = 0; ky < windowHeight; ky++)
                    {
                        int rowStart = top + ky * inWidth;
                        for (int kx = 0; kx < windowWidth; kx++)
                        {
                            gradInput[rowStart + kx] += share;
                        }
                    }
                }
            }
        }
    }
}
