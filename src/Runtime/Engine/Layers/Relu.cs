using System.Numerics;

namespace MapDsl.Runtime.Engine.Layers;

/// <summary>Rectified linear unit, max(x, 0), elementwise on any shape.</summary>
public static class Relu
{
    // Elements per item of the worker pool's share-out: a multiple of any vector width.
    private const int Block = 4096;

    /// <summary>output = max(input, 0). <paramref name="output"/> may be <paramref name="input"/> itself (in place).</summary>
    /// <param name="input">Any shape.</param>
    /// <param name="output">Same length as <paramref name="input"/>.</param>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        SpanLength.Require(output.Length, input.Length, nameof(output));
        unsafe
        {
            fixed (float* from = input, to = output)
            {
                ParallelItems.Run(new ForwardPass(from, to, input.Length), Blocks(input.Length), 2 * Block);
            }
        }
    }

    private static void ForwardBlock(ReadOnlySpan<float> input, Span<float> output)
    {
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
        unsafe
        {
            fixed (float* active = activation, from = gradOutput, to = gradInput)
            {
                ParallelItems.Run(new BackwardPass(active, from, to, activation.Length), Blocks(activation.Length), 3 * Block);
            }
        }
    }

    private static int Blocks(int length) => (length + Block - 1) / Block;

    private static void BackwardBlock(ReadOnlySpan<float> activation, ReadOnlySpan<float> gradOutput, Span<float> gradInput)
    {
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

    /// <summary>Elements are independent; blocks of them are the items the worker pool shares out.</summary>
    private readonly unsafe struct ForwardPass(float* input, float* output, int length) : IItemPass
    {
        public void Run(int start, int end)
        {
            (int offset, int count) = Range(start, end, length);
            ForwardBlock(new(input + offset, count), new(output + offset, count));
        }
    }

    private readonly unsafe struct BackwardPass(float* activation, float* gradOutput, float* gradInput, int length) : IItemPass
    {
        public void Run(int start, int end)
        {
            (int offset, int count) = Range(start, end, length);
            BackwardBlock(new(activation + offset, count), new(gradOutput + offset, count), new(gradInput + offset, count));
        }
    }

    private static (int Offset, int Count) Range(int start, int end, int length) =>
        (start * Block, Math.Min(end * Block, length) - start * Block);
}
