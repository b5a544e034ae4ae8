using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MapDsl.Runtime.Engine.Inference;

/// <summary>
/// The epilogue of a <see cref="DirectConvKernel{TTile, TStep}"/> tile, which replaces the passes that would
/// otherwise follow the convolution over the whole activation: add the residual (the shortcut of a block whose
/// body this convolution ends), apply ReLU, store. Pixel (column, row) of the tile has its 16 channels of vector q at
/// <c>output + row·rowStride + q·blockStride + 16·column</c>, and the residual at the same offsets from its pointer.
/// </summary>
/// <param name="output">The tile's first pixel, first channel block.</param>
/// <param name="residual">The same place in the value to add, or null.</param>
/// <param name="blockStride">Floats between channel blocks of the output (and residual).</param>
/// <param name="rowStride">Floats between grid rows of the output (and residual).</param>
/// <param name="relu">Whether to apply max(x, 0) after the addition.</param>
internal readonly unsafe struct TileOutput(float* output, float* residual, nint blockStride, nint rowStride, bool relu)
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(int column, int row, Vector512<float> first, Vector512<float> second, bool two)
    {
        var offset = (row * rowStride) + (column * 16);
        if (residual != null)
        {
            first += Vector512.Load(residual + offset);
            if (two)
            {
                second += Vector512.Load(residual + offset + blockStride);
            }
        }

        if (relu)
        {
            // vmaxps returns its second operand when either is NaN, so a NaN passes as it does through Relu.Forward
            // (only −0 stays −0 rather than becoming +0, which no later sum can tell apart).
            first = Avx512F.Max(Vector512<float>.Zero, first);
            second = Avx512F.Max(Vector512<float>.Zero, second);
        }

        first.Store(output + offset);
        if (two)
        {
            second.Store(output + offset + blockStride);
        }
    }
}
