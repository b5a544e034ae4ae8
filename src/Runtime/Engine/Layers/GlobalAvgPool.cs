namespace MapDsl.Runtime.Engine.Layers;

/// <summary>Global average pooling: [batch, channels, plane] to [batch, channels], each channel's mean over its plane.</summary>
public static class GlobalAvgPool
{
    /// <summary>output[n, c] = mean of input[n, c, :].</summary>
    /// <param name="input">[batch, channels, plane].</param>
    /// <param name="output">[batch, channels].</param>
    /// <param name="plane">H · W.</param>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output, int plane)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(plane);
        SpanLength.Require(input.Length, (long)output.Length * plane, nameof(input));
        var inverse = 1f / plane;
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = VectorMath.Sum(input.Slice(i * plane, plane)) * inverse;
        }
    }

    /// <summary>dLoss/dInput[n, c, p] = dLoss/dOutput[n, c] / plane.</summary>
    /// <param name="outputGradient">[batch, channels].</param>
    /// <param name="inputGradient">[batch, channels, plane], overwritten.</param>
    /// <param name="plane">H · W.</param>
    public static void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int plane)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(plane);
        SpanLength.Require(inputGradient.Length, (long)outputGradient.Length * plane, nameof(inputGradient));
        var inverse = 1f / plane;
        for (var i = 0; i < outputGradient.Length; i++)
        {
            inputGradient.Slice(i * plane, plane).Fill(outputGradient[i] * inverse);
        }
    }
}
