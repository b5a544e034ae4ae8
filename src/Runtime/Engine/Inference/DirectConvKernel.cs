using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MapDsl.Runtime.Engine.Inference;

/// <summary>
/// The AVX-512 micro-kernel of <see cref="DirectConv"/>: up to <see cref="IConvTile.Pixels"/> output pixels (one
/// row, or two rows of <see cref="IConvTile.RowPixels"/>) times 16 or 32 output channels
/// (<see cref="IConvTile.Vectors"/> vectors) in zmm accumulators, summed over the kernel taps and input channels
/// straight from the blocked input, without unfolding it. Each step loads the weight vectors of one input channel and
/// broadcasts that channel's value at each pixel: a tile of 14 x 32 does 16 loads per 28 FMAs, one of 28 x 16 (16
/// output channels have nothing to share a broadcast with) 29 per 28.
/// </summary>
/// <remarks>
/// <para>
/// The tile and the distance between the inputs of neighbouring pixels (<see cref="IPixelStep.Step"/>) are type
/// parameters, so that the JIT specializes the kernel per shape: unused accumulators vanish and every broadcast
/// reads at a constant displacement (a run-time stride would need a register per pixel, and there are 16).
/// </para>
/// <para>
/// An output element is its bias plus, in order, one FMA per (segment, channel), the segments being the kernel
/// taps in order and within a tap the input's channel blocks: the same sequence whatever the tile, the pixel's
/// place in it, the image or the thread, so no result depends on how a batch is split.
/// </para>
/// </remarks>
/// <typeparam name="TTile">Pixels and vectors of the tile.</typeparam>
/// <typeparam name="TStep">Floats between the inputs of neighbouring output pixels: stride times the block width.</typeparam>
internal static unsafe class DirectConvKernel<TTile, TStep>
    where TTile : IConvTile
    where TStep : IPixelStep
{
    /// <summary>Computes one tile and writes the first <paramref name="count"/> pixels of each of its rows.</summary>
    /// <param name="input">Pixel 0's input at segment offset 0, channel 0.</param>
    /// <param name="segments">Offsets (floats) from <paramref name="input"/> of each segment's channel 0.</param>
    /// <param name="segmentCount">Segments: taps times input channel blocks.</param>
    /// <param name="channels">Input channels per segment (the block width): consecutive floats.</param>
    /// <param name="weights">[segment, channel, outC] from this tile's first output channel.</param>
    /// <param name="weightStride">Floats between the weights of consecutive input channels (the padded outC).</param>
    /// <param name="bias">This tile's biases, 16 per vector.</param>
    /// <param name="inputRowStride">Floats from a pixel's input to that of the pixel below it in the tile's second row, if it has one.</param>
    /// <param name="output">Where the tile's epilogue writes (see <see cref="TileOutput"/>).</param>
    /// <param name="count">Pixels to write in each of its rows, 1 .. RowPixels; the others are computed and dropped.</param>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(
        float* input, int* segments, int segmentCount, int channels, float* weights, nint weightStride, float* bias, nint inputRowStride, in TileOutput output, int count)
    {
        bool two = TTile.Vectors == 2;
        var bias0 = Vector512.Load(bias);
        var bias1 = two ? Vector512.Load(bias + 16) : default;
        Vector512<float> v0 = bias0, u0 = bias1;
        Vector512<float> v1 = bias0, u1 = bias1;
        Vector512<float> v2 = bias0, u2 = bias1;
        Vector512<float> v3 = bias0, u3 = bias1;
        Vector512<float> v4 = bias0, u4 = bias1;
        Vector512<float> v5 = bias0, u5 = bias1;
        Vector512<float> v6 = bias0, u6 = bias1;
        Vector512<float> v7 = bias0, u7 = bias1;
        Vector512<float> v8 = bias0, u8 = bias1;
        Vector512<float> v9 = bias0, u9 = bias1;
        Vector512<float> v10 = bias0, u10 = bias1;
        Vector512<float> v11 = bias0, u11 = bias1;
        Vector512<float> v12 = bias0, u12 = bias1;
        Vector512<float> v13 = bias0, u13 = bias1;
        Vector512<float> v14 = bias0;
        Vector512<float> v15 = bias0;
        Vector512<float> v16 = bias0;
        Vector512<float> v17 = bias0;
        Vector512<float> v18 = bias0;
        Vector512<float> v19 = bias0;
        Vector512<float> v20 = bias0;
        Vector512<float> v21 = bias0;
        Vector512<float> v22 = bias0;
        Vector512<float> v23 = bias0;
        Vector512<float> v24 = bias0;
        Vector512<float> v25 = bias0;
        Vector512<float> v26 = bias0;
        Vector512<float> v27 = bias0;
        float* weight = weights;
        for (int s = 0; s < segmentCount; s++)
        {
            float* x = input + segments[s];
            float* below = x + inputRowStride; // the second row's pixels, in two-row tiles
            for (int c = 0; c < channels; c++, x++, below++, weight += weightStride)
            {
                var w0 = Vector512.Load(weight);
                var w1 = two ? Vector512.Load(weight + 16) : default;
                Vector512<float> a;
                a = Vector512.Create(x[0]);
                v0 = Avx512F.FusedMultiplyAdd(a, w0, v0);
                if (two)
                {
                    u0 = Avx512F.FusedMultiplyAdd(a, w1, u0);
                }

                if (TTile.Pixels > 1)
                {
                    a = Vector512.Create(TTile.RowPixels > 1 ? x[1 * TStep.Step] : below[(1 - TTile.RowPixels) * TStep.Step]);
                    v1 = Avx512F.FusedMultiplyAdd(a, w0, v1);
                    if (two)
                    {
                        u1 = Avx512F.FusedMultiplyAdd(a, w1, u1);
                    }
                }

                if (TTile.Pixels > 2)
                {
                    a = Vector512.Create(TTile.RowPixels > 2 ? x[2 * TStep.Step] : below[(2 - TTile.RowPixels) * TStep.Step]);
                    v2 = Avx512F.FusedMultiplyAdd(a, w0, v2);
                    if (two)
                    {
                        u2 = Avx512F.FusedMultiplyAdd(a, w1, u2);
                    }
                }

                if (TTile.Pixels > 3)
                {
                    a = Vector512.Create(TTile.RowPixels > 3 ? x[3 * TStep.Step] : below[(3 - TTile.RowPixels) * TStep.Step]);
                    v3 = Avx512F.FusedMultiplyAdd(a, w0, v3);
                    if (two)
                    {
                        u3 = Avx512F.FusedMultiplyAdd(a, w1, u3);
                    }
                }

                if (TTile.Pixels > 4)
                {
                    a = Vector512.Create(TTile.RowPixels > 4 ? x[4 * TStep.Step] : below[(4 - TTile.RowPixels) * TStep.Step]);
                    v4 = Avx512F.FusedMultiplyAdd(a, w0, v4);
                    if (two)
                    {
                        u4 = Avx512F.FusedMultiplyAdd(a, w1, u4);
                    }
                }

                if (TTile.Pixels > 5)
                {
                    a = Vector512.Create(TTile.RowPixels > 5 ? x[5 * TStep.Step] : below[(5 - TTile.RowPixels) * TStep.Step]);
                    v5 = Avx512F.FusedMultiplyAdd(a, w0, v5);
                    if (two)
                    {
                        u5 = Avx512F.FusedMultiplyAdd(a, w1, u5);
                    }
                }

                if (TTile.Pixels > 6)
                {
                    a = Vector512.Create(TTile.RowPixels > 6 ? x[6 * TStep.Step] : below[(6 - TTile.RowPixels) * TStep.Step]);
                    v6 = Avx512F.FusedMultiplyAdd(a, w0, v6);
                    if (two)
                    {
                        u6 = Avx512F.FusedMultiplyAdd(a, w1, u6);
                    }
                }

                if (TTile.Pixels > 7)
                {
                    a = Vector512.Create(TTile.RowPixels > 7 ? x[7 * TStep.Step] : below[(7 - TTile.RowPixels) * TStep.Step]);
                    v7 = Avx512F.FusedMultiplyAdd(a, w0, v7);
                    if (two)
                    {
                        u7 = Avx512F.FusedMultiplyAdd(a, w1, u7);
                    }
                }

                if (TTile.Pixels > 8)
                {
                    a = Vector512.Create(TTile.RowPixels > 8 ? x[8 * TStep.Step] : below[(8 - TTile.RowPixels) * TStep.Step]);
                    v8 = Avx512F.FusedMultiplyAdd(a, w0, v8);
                    if (two)
                    {
                        u8 = Avx512F.FusedMultiplyAdd(a, w1, u8);
                    }
                }

                if (TTile.Pixels > 9)
                {
                    a = Vector512.Create(TTile.RowPixels > 9 ? x[9 * TStep.Step] : below[(9 - TTile.RowPixels) * TStep.Step]);
                    v9 = Avx512F.FusedMultiplyAdd(a, w0, v9);
                    if (two)
                    {
                        u9 = Avx512F.FusedMultiplyAdd(a, w1, u9);
                    }
                }

                if (TTile.Pixels > 10)
                {
                    a = Vector512.Create(TTile.RowPixels > 10 ? x[10 * TStep.Step] : below[(10 - TTile.RowPixels) * TStep.Step]);
                    v10 = Avx512F.FusedMultiplyAdd(a, w0, v10);
                    if (two)
                    {
                        u10 = Avx512F.FusedMultiplyAdd(a, w1, u10);
                    }
                }

                if (TTile.Pixels > 11)
                {
                    a = Vector512.Create(TTile.RowPixels > 11 ? x[11 * TStep.Step] : below[(11 - TTile.RowPixels) * TStep.Step]);
                    v11 = Avx512F.FusedMultiplyAdd(a, w0, v11);
                    if (two)
                    {
                        u11 = Avx512F.FusedMultiplyAdd(a, w1, u11);
                    }
                }

                if (TTile.Pixels > 12)
                {
                    a = Vector512.Create(TTile.RowPixels > 12 ? x[12 * TStep.Step] : below[(12 - TTile.RowPixels) * TStep.Step]);
                    v12 = Avx512F.FusedMultiplyAdd(a, w0, v12);
                    if (two)
                    {
                        u12 = Avx512F.FusedMultiplyAdd(a, w1, u12);
                    }
                }

                if (TTile.Pixels > 13)
                {
                    a = Vector512.Create(TTile.RowPixels > 13 ? x[13 * TStep.Step] : below[(13 - TTile.RowPixels) * TStep.Step]);
                    v13 = Avx512F.FusedMultiplyAdd(a, w0, v13);
                    if (two)
                    {
                        u13 = Avx512F.FusedMultiplyAdd(a, w1, u13);
                    }
                }

                if (TTile.Pixels > 14)
                {
                    a = Vector512.Create(TTile.RowPixels > 14 ? x[14 * TStep.Step] : below[(14 - TTile.RowPixels) * TStep.Step]);
                    v14 = Avx512F.FusedMultiplyAdd(a, w0, v14);
                }

                if (TTile.Pixels > 15)
                {
                    a = Vector512.Create(TTile.RowPixels > 15 ? x[15 * TStep.Step] : below[(15 - TTile.RowPixels) * TStep.Step]);
                    v15 = Avx512F.FusedMultiplyAdd(a, w0, v15);
                }

                if (TTile.Pixels > 16)
                {
                    a = Vector512.Create(TTile.RowPixels > 16 ? x[16 * TStep.Step] : below[(16 - TTile.RowPixels) * TStep.Step]);
                    v16 = Avx512F.FusedMultiplyAdd(a, w0, v16);
                }

                if (TTile.Pixels > 17)
                {
                    a = Vector512.Create(TTile.RowPixels > 17 ? x[17 * TStep.Step] : below[(17 - TTile.RowPixels) * TStep.Step]);
                    v17 = Avx512F.FusedMultiplyAdd(a, w0, v17);
                }

                if (TTile.Pixels > 18)
                {
                    a = Vector512.Create(TTile.RowPixels > 18 ? x[18 * TStep.Step] : below[(18 - TTile.RowPixels) * TStep.Step]);
                    v18 = Avx512F.FusedMultiplyAdd(a, w0, v18);
                }

                if (TTile.Pixels > 19)
                {
                    a = Vector512.Create(TTile.RowPixels > 19 ? x[19 * TStep.Step] : below[(19 - TTile.RowPixels) * TStep.Step]);
                    v19 = Avx512F.FusedMultiplyAdd(a, w0, v19);
                }

                if (TTile.Pixels > 20)
                {
                    a = Vector512.Create(TTile.RowPixels > 20 ? x[20 * TStep.Step] : below[(20 - TTile.RowPixels) * TStep.Step]);
                    v20 = Avx512F.FusedMultiplyAdd(a, w0, v20);
                }

                if (TTile.Pixels > 21)
                {
                    a = Vector512.Create(TTile.RowPixels > 21 ? x[21 * TStep.Step] : below[(21 - TTile.RowPixels) * TStep.Step]);
                    v21 = Avx512F.FusedMultiplyAdd(a, w0, v21);
                }

                if (TTile.Pixels > 22)
                {
                    a = Vector512.Create(TTile.RowPixels > 22 ? x[22 * TStep.Step] : below[(22 - TTile.RowPixels) * TStep.Step]);
                    v22 = Avx512F.FusedMultiplyAdd(a, w0, v22);
                }

                if (TTile.Pixels > 23)
                {
                    a = Vector512.Create(TTile.RowPixels > 23 ? x[23 * TStep.Step] : below[(23 - TTile.RowPixels) * TStep.Step]);
                    v23 = Avx512F.FusedMultiplyAdd(a, w0, v23);
                }

                if (TTile.Pixels > 24)
                {
                    a = Vector512.Create(TTile.RowPixels > 24 ? x[24 * TStep.Step] : below[(24 - TTile.RowPixels) * TStep.Step]);
                    v24 = Avx512F.FusedMultiplyAdd(a, w0, v24);
                }

                if (TTile.Pixels > 25)
                {
                    a = Vector512.Create(TTile.RowPixels > 25 ? x[25 * TStep.Step] : below[(25 - TTile.RowPixels) * TStep.Step]);
                    v25 = Avx512F.FusedMultiplyAdd(a, w0, v25);
                }

                if (TTile.Pixels > 26)
                {
                    a = Vector512.Create(TTile.RowPixels > 26 ? x[26 * TStep.Step] : below[(26 - TTile.RowPixels) * TStep.Step]);
                    v26 = Avx512F.FusedMultiplyAdd(a, w0, v26);
                }

                if (TTile.Pixels > 27)
                {
                    a = Vector512.Create(TTile.RowPixels > 27 ? x[27 * TStep.Step] : below[(27 - TTile.RowPixels) * TStep.Step]);
                    v27 = Avx512F.FusedMultiplyAdd(a, w0, v27);
                }
            }
        }

        output.Write(0, 0, v0, u0, two);
        if (TTile.Pixels > 1 && 1 % TTile.RowPixels < count)
        {
            output.Write(1 % TTile.RowPixels, 1 / TTile.RowPixels, v1, u1, two);
        }

        if (TTile.Pixels > 2 && 2 % TTile.RowPixels < count)
        {
            output.Write(2 % TTile.RowPixels, 2 / TTile.RowPixels, v2, u2, two);
        }

        if (TTile.Pixels > 3 && 3 % TTile.RowPixels < count)
        {
            output.Write(3 % TTile.RowPixels, 3 / TTile.RowPixels, v3, u3, two);
        }

        if (TTile.Pixels > 4 && 4 % TTile.RowPixels < count)
        {
            output.Write(4 % TTile.RowPixels, 4 / TTile.RowPixels, v4, u4, two);
        }

        if (TTile.Pixels > 5 && 5 % TTile.RowPixels < count)
        {
            output.Write(5 % TTile.RowPixels, 5 / TTile.RowPixels, v5, u5, two);
        }

        if (TTile.Pixels > 6 && 6 % TTile.RowPixels < count)
        {
            output.Write(6 % TTile.RowPixels, 6 / TTile.RowPixels, v6, u6, two);
        }

        if (TTile.Pixels > 7 && 7 % TTile.RowPixels < count)
        {
            output.Write(7 % TTile.RowPixels, 7 / TTile.RowPixels, v7, u7, two);
        }

        if (TTile.Pixels > 8 && 8 % TTile.RowPixels < count)
        {
            output.Write(8 % TTile.RowPixels, 8 / TTile.RowPixels, v8, u8, two);
        }

        if (TTile.Pixels > 9 && 9 % TTile.RowPixels < count)
        {
            output.Write(9 % TTile.RowPixels, 9 / TTile.RowPixels, v9, u9, two);
        }

        if (TTile.Pixels > 10 && 10 % TTile.RowPixels < count)
        {
            output.Write(10 % TTile.RowPixels, 10 / TTile.RowPixels, v10, u10, two);
        }

        if (TTile.Pixels > 11 && 11 % TTile.RowPixels < count)
        {
            output.Write(11 % TTile.RowPixels, 11 / TTile.RowPixels, v11, u11, two);
        }

        if (TTile.Pixels > 12 && 12 % TTile.RowPixels < count)
        {
            output.Write(12 % TTile.RowPixels, 12 / TTile.RowPixels, v12, u12, two);
        }

        if (TTile.Pixels > 13 && 13 % TTile.RowPixels < count)
        {
            output.Write(13 % TTile.RowPixels, 13 / TTile.RowPixels, v13, u13, two);
        }

        if (TTile.Pixels > 14 && 14 % TTile.RowPixels < count)
        {
            output.Write(14 % TTile.RowPixels, 14 / TTile.RowPixels, v14, default, false);
        }

        if (TTile.Pixels > 15 && 15 % TTile.RowPixels < count)
        {
            output.Write(15 % TTile.RowPixels, 15 / TTile.RowPixels, v15, default, false);
        }

        if (TTile.Pixels > 16 && 16 % TTile.RowPixels < count)
        {
            output.Write(16 % TTile.RowPixels, 16 / TTile.RowPixels, v16, default, false);
        }

        if (TTile.Pixels > 17 && 17 % TTile.RowPixels < count)
        {
            output.Write(17 % TTile.RowPixels, 17 / TTile.RowPixels, v17, default, false);
        }

        if (TTile.Pixels > 18 && 18 % TTile.RowPixels < count)
        {
            output.Write(18 % TTile.RowPixels, 18 / TTile.RowPixels, v18, default, false);
        }

        if (TTile.Pixels > 19 && 19 % TTile.RowPixels < count)
        {
            output.Write(19 % TTile.RowPixels, 19 / TTile.RowPixels, v19, default, false);
        }

        if (TTile.Pixels > 20 && 20 % TTile.RowPixels < count)
        {
            output.Write(20 % TTile.RowPixels, 20 / TTile.RowPixels, v20, default, false);
        }

        if (TTile.Pixels > 21 && 21 % TTile.RowPixels < count)
        {
            output.Write(21 % TTile.RowPixels, 21 / TTile.RowPixels, v21, default, false);
        }

        if (TTile.Pixels > 22 && 22 % TTile.RowPixels < count)
        {
            output.Write(22 % TTile.RowPixels, 22 / TTile.RowPixels, v22, default, false);
        }

        if (TTile.Pixels > 23 && 23 % TTile.RowPixels < count)
        {
            output.Write(23 % TTile.RowPixels, 23 / TTile.RowPixels, v23, default, false);
        }

        if (TTile.Pixels > 24 && 24 % TTile.RowPixels < count)
        {
            output.Write(24 % TTile.RowPixels, 24 / TTile.RowPixels, v24, default, false);
        }

        if (TTile.Pixels > 25 && 25 % TTile.RowPixels < count)
        {
            output.Write(25 % TTile.RowPixels, 25 / TTile.RowPixels, v25, default, false);
        }

        if (TTile.Pixels > 26 && 26 % TTile.RowPixels < count)
        {
            output.Write(26 % TTile.RowPixels, 26 / TTile.RowPixels, v26, default, false);
        }

        if (TTile.Pixels > 27 && 27 % TTile.RowPixels < count)
        {
            output.Write(27 % TTile.RowPixels, 27 / TTile.RowPixels, v27, default, false);
        }
    }
}
