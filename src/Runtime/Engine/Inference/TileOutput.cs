using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MapDsl.Runtime.Engine.Inference;

/// <summary>
/// The epilogue of a <see cref="DirectConvKernel{TTile, TStep}"/> tile, which replaces the passes that would
/// otherwise follow the convolution over the whole activation: add the residual (the shortcut of a block whose
/// body this convolution ends), apply ReLU, store. Pixel p's 16 channels of vector q lie at
/// <c>output + q·blockStride + 16p</c>, and the residual at the same offsets from its own pointer.
/// </summary>
/// <param name="output">The tile's first pixel, first channel block.</param>
/// <param name="residual">The same place in the value to add, or null.</param>
/// <param name="blockStride">Floats between channel blocks of the output (and residual).</param>
/// <param name="relu">Whether to apply max(x, 0) after the addition.</param>
internal readonly unsafe struct TileOutput(float* output, float* residual, nint blockStride, bool relu)
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(int pixel, Vector512<float> first, Vector512<float> second, bool two)
    {
        float* to = output + (pixel * 16);
        if (residual != null)
        {
            first += Vector512.Load(residual + (pixel * 16));
            if (two)
            {
                second += Vector512.Load(residual + (pixel * 16) + blockStride);
            }
        }

        if (relu)
        {
            first = Vector512.Max(first, Vector512<float>.Zero);
            second = Vector512.Max(second, Vector512<float>.Zero);
        }

        first.Store(to);
        if (two)
        {
            second.Store(to + blockStride);
        }
    }
}
