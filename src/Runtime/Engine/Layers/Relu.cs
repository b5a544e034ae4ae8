using System.Numerics;

namespace MapDsl.Runtime.Engine.Layers;

/// <summary>Rectified linear unit, max(x, 0), elementwise on any shape.</summary>
public static class Relu
{
    /// <summary>output = max(input, 0). <paramref name="output"/> may be <paramref name="input"/> itself (in place).</summary>
    /// <param name="input">Any shape.</param>
    /// <param name="output">Same length as <paramref name="input"/>.</param>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        SpanLength.Require(output.Length, input.Length, nameof(output));
        int i = 0;
        for (; i <= input.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Max(new Vector<float>(input.Slice(i)), Vector<float>.Zero).CopyTo(output.Slice(i));
        }

        for (; i < input.Length; i++)
        {
            output[i] = MathF.Max(input[i], 0f);
        }
    }

    /// <summary>
    /// gradInput = gradOutput where the unit was active, else 0 (the derivative at exactly 0 is taken as 0, as in
    /// PyTorch). <paramref name="gradInput"/> may be <paramref name="gradOutput"/> itself.
    /// </summary>
    /// <param name="activation">
    /// The forward output, or equally its input: both are positive at the same places, so an in-place forward that
    /// overwrote its input still has what backward needs.
    /// </param>
    /// <param name="gradOutput">Gradient with respect to the output.</param>
    /// <param name="gradInput">Gradient with respect to the input, overwritten.</param>
    public static void Backward(ReadOnlySpan<float> activation, ReadOnlySpan<float> gradOutput, Span<float> gradInput)
    {
        SpanLength.Require(gradOutput.Length, activation.Length, nameof(gradOutput));
        SpanLength.Require(gradInput.Length, activation.Length, nameof(gradInput));
        int i = 0;
        for (; i <= activation.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector<int> active = Vector.GreaterThan(new Vector<float>(activation.Slice(i)), Vector<float>.Zero);
            Vector.ConditionalSelect(active, new Vector<float>(gradOutput.Slice(i)), Vector<float>.Zero).CopyTo(gradInput.Slice(i));
        }

        for (; i < activation.Length; i++)
        {
            gradInput[i] = activation[i] > 0f ? gradOutput[i] : 0f;
        }
    }
}
