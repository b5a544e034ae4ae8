using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MapDsl.Runtime.Engine.Inference;

/// <summary>
/// The AVX-512 micro-kernel of <see cref="DirectConv"/>: a row of up to <see cref="IConvTile.Pixels"/> output
/// pixels times 16 or 32 output channels (<see cref="IConvTile.Vectors"/> vectors) in zmm accumulators, summed over
/// the kernel taps and input channels straight from the blocked input, without unfolding it. Each step loads the
/// weight vectors of one input channel and broadcasts that channel's value at each pixel: a tile of 14 x 32 does 16
/// loads per 28 FMAs, one of 28 x 16 (16 output channels have nothing to share a broadcast with) 29 per 28.
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
    /// <summary>Computes one tile and writes its first <paramref name="count"/> pixels.</summary>
    /// <param name="input">Pixel 0's input at segment offset 0, channel 0.</param>
    /// <param name="segments">Offsets (floats) from <paramref name="input"/> of each segment's channel 0.</param>
    /// <param name="segmentCount">Segments: taps times input channel blocks.</param>
    /// <param name="channels">Input channels per segment (the block width): consecutive floats.</param>
    /// <param name="weights">[segment, channel, outC] from this tile's first output channel.</param>
    /// <param name="weightStride">Floats between the weights of consecutive input channels (the padded outC).</param>
    /// <param name="bias">This tile's biases, 16 per vector.</param>
    /// <param name="output">Where the tile's epilogue writes (see <see cref="TileOutput"/>).</param>
    /// <param name="count">Pixels to write, 1 .. Pixels; the others are computed and dropped.</param>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run(
        float* input, int* segments, int segmentCount, int channels, float* weights, nint weightStride, float* bias, in TileOutput output, int count)
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
            for (int c = 0; c < channels; c++, x++, weight += weightStride)
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
                    a = Vector512.Create(x[1 * TStep.Step]);
                    v1 = Avx512F.FusedMultiplyAdd(a, w0, v1);
                    if (two)
                    {
                        u1 = Avx512F.FusedMultiplyAdd(a, w1, u1);
                    }
                }

                if (TTile.Pixels > 2)
                {
                    a = Vector512.Create(x[2 * TStep.Step]);
                    v2 = Avx512F.FusedMultiplyAdd(a, w0, v2);
                    if (two)
                    {
                        u2 = Avx512F.FusedMultiplyAdd(a, w1, u2);
                    }
                }

                if (TTile.Pixels > 3)
                {
                    a = Vector512.Create(x[3 * TStep.Step]);
                    v3 = Avx512F.FusedMultiplyAdd(a, w0, v3);
                    if (two)
                    {
                        u3 = Avx512F.FusedMultiplyAdd(a, w1, u3);
                    }
                }

                if (TTile.Pixels > 4)
                {
                    a = Vector512.Create(x[4 * TStep.Step]);
                    v4 = Avx512F.FusedMultiplyAdd(a, w0, v4);
                    if (two)
                    {
                        u4 = Avx512F.FusedMultiplyAdd(a, w1, u4);
                    }
                }

                if (TTile.Pixels > 5)
                {
                    a = Vector512.Create(x[5 * TStep.Step]);
                    v5 = Avx512F.FusedMultiplyAdd(a, w0, v5);
                    if (two)
                    {
                        u5 = Avx512F.FusedMultiplyAdd(a, w1, u5);
                    }
                }

                if (TTile.Pixels > 6)
                {
                    a = Vector512.Create(x[6 * TStep.Step]);
                    v6 = Avx512F.FusedMultiplyAdd(a, w0, v6);
                    if (two)
                    {
                        u6 = Avx512F.FusedMultiplyAdd(a, w1, u6);
                    }
                }

                if (TTile.Pixels > 7)
                {
                    a = Vector512.Create(x[7 * TStep.Step]);
                    v7 = Avx512F.FusedMultiplyAdd(a, w0, v7);
                    if (two)
                    {
                        u7 = Avx512F.FusedMultiplyAdd(a, w1, u7);
                    }
                }

                if (TTile.Pixels > 8)
                {
                    a = Vector512.Create(x[8 * TStep.Step]);
                    v8 = Avx512F.FusedMultiplyAdd(a, w0, v8);
                    if (two)
                    {
                        u8 = Avx512F.FusedMultiplyAdd(a, w1, u8);
                    }
                }

                if (TTile.Pixels > 9)
                {
                    a = Vector512.Create(x[9 * TStep.Step]);
                    v9 = Avx512F.FusedMultiplyAdd(a, w0, v9);
                    if (two)
                    {
                        u9 = Avx512F.FusedMultiplyAdd(a, w1, u9);
                    }
                }

                if (TTile.Pixels > 10)
                {
                    a = Vector512.Create(x[10 * TStep.Step]);
                    v10 = Avx512F.FusedMultiplyAdd(a, w0, v10);
                    if (two)
                    {
                        u10 = Avx512F.FusedMultiplyAdd(a, w1, u10);
                    }
                }

                if (TTile.Pixels > 11)
                {
                    a = Vector512.Create(x[11 * TStep.Step]);
                    v11 = Avx512F.FusedMultiplyAdd(a, w0, v11);
                    if (two)
                    {
                        u11 = Avx512F.FusedMultiplyAdd(a, w1, u11);
                    }
                }

                if (TTile.Pixels > 12)
                {
                    a = Vector512.Create(x[12 * TStep.Step]);
                    v12 = Avx512F.FusedMultiplyAdd(a, w0, v12);
                    if (two)
                    {
                        u12 = Avx512F.FusedMultiplyAdd(a, w1, u12);
                    }
                }

                if (TTile.Pixels > 13)
                {
                    a = Vector512.Create(x[13 * TStep.Step]);
                    v13 = Avx512F.FusedMultiplyAdd(a, w0, v13);
                    if (two)
                    {
                        u13 = Avx512F.FusedMultiplyAdd(a, w1, u13);
                    }
                }

                if (TTile.Pixels > 14)
                {
                    a = Vector512.Create(x[14 * TStep.Step]);
                    v14 = Avx512F.FusedMultiplyAdd(a, w0, v14);
                }

                if (TTile.Pixels > 15)
                {
                    a = Vector512.Create(x[15 * TStep.Step]);
                    v15 = Avx512F.FusedMultiplyAdd(a, w0, v15);
                }

                if (TTile.Pixels > 16)
                {
                    a = Vector512.Create(x[16 * TStep.Step]);
                    v16 = Avx512F.FusedMultiplyAdd(a, w0, v16);
                }

                if (TTile.Pixels > 17)
                {
                    a = Vector512.Create(x[17 * TStep.Step]);
                    v17 = Avx512F.FusedMultiplyAdd(a, w0, v17);
                }

                if (TTile.Pixels > 18)
                {
                    a = Vector512.Create(x[18 * TStep.Step]);
                    v18 = Avx512F.FusedMultiplyAdd(a, w0, v18);
                }

                if (TTile.Pixels > 19)
                {
                    a = Vector512.Create(x[19 * TStep.Step]);
                    v19 = Avx512F.FusedMultiplyAdd(a, w0, v19);
                }

                if (TTile.Pixels > 20)
                {
                    a = Vector512.Create(x[20 * TStep.Step]);
                    v20 = Avx512F.FusedMultiplyAdd(a, w0, v20);
                }

                if (TTile.Pixels > 21)
                {
                    a = Vector512.Create(x[21 * TStep.Step]);
                    v21 = Avx512F.FusedMultiplyAdd(a, w0, v21);
                }

                if (TTile.Pixels > 22)
                {
                    a = Vector512.Create(x[22 * TStep.Step]);
                    v22 = Avx512F.FusedMultiplyAdd(a, w0, v22);
                }

                if (TTile.Pixels > 23)
                {
                    a = Vector512.Create(x[23 * TStep.Step]);
                    v23 = Avx512F.FusedMultiplyAdd(a, w0, v23);
                }

                if (TTile.Pixels > 24)
                {
                    a = Vector512.Create(x[24 * TStep.Step]);
                    v24 = Avx512F.FusedMultiplyAdd(a, w0, v24);
                }

                if (TTile.Pixels > 25)
                {
                    a = Vector512.Create(x[25 * TStep.Step]);
                    v25 = Avx512F.FusedMultiplyAdd(a, w0, v25);
                }

                if (TTile.Pixels > 26)
                {
                    a = Vector512.Create(x[26 * TStep.Step]);
                    v26 = Avx512F.FusedMultiplyAdd(a, w0, v26);
                }

                if (TTile.Pixels > 27)
                {
                    a = Vector512.Create(x[27 * TStep.Step]);
                    v27 = Avx512F.FusedMultiplyAdd(a, w0, v27);
                }
            }
        }

        output.Write(0, v0, u0, two);
        if (count == 1 || TTile.Pixels == 1)
        {
            return;
        }

        output.Write(1, v1, u1, two);
        if (count == 2 || TTile.Pixels == 2)
        {
            return;
        }

        output.Write(2, v2, u2, two);
        if (count == 3 || TTile.Pixels == 3)
        {
            return;
        }

        output.Write(3, v3, u3, two);
        if (count == 4 || TTile.Pixels == 4)
        {
            return;
        }

        output.Write(4, v4, u4, two);
        if (count == 5 || TTile.Pixels == 5)
        {
            return;
        }

        output.Write(5, v5, u5, two);
        if (count == 6 || TTile.Pixels == 6)
        {
            return;
        }

        output.Write(6, v6, u6, two);
        if (count == 7 || TTile.Pixels == 7)
        {
            return;
        }

        output.Write(7, v7, u7, two);
        if (count == 8 || TTile.Pixels == 8)
        {
            return;
        }

        output.Write(8, v8, u8, two);
        if (count == 9 || TTile.Pixels == 9)
        {
            return;
        }

        output.Write(9, v9, u9, two);
        if (count == 10 || TTile.Pixels == 10)
        {
            return;
        }

        output.Write(10, v10, u10, two);
        if (count == 11 || TTile.Pixels == 11)
        {
            return;
        }

        output.Write(11, v11, u11, two);
        if (count == 12 || TTile.Pixels == 12)
        {
            return;
        }

        output.Write(12, v12, u12, two);
        if (count == 13 || TTile.Pixels == 13)
        {
            return;
        }

        output.Write(13, v13, u13, two);
        if (count == 14 || TTile.Pixels == 14)
        {
            return;
        }

        output.Write(14, v14, default, false);
        if (count == 15 || TTile.Pixels == 15)
        {
            return;
        }

        output.Write(15, v15, default, false);
        if (count == 16 || TTile.Pixels == 16)
        {
            return;
        }

        output.Write(16, v16, default, false);
        if (count == 17 || TTile.Pixels == 17)
        {
            return;
        }

        output.Write(17, v17, default, false);
        if (count == 18 || TTile.Pixels == 18)
        {
            return;
        }

        output.Write(18, v18, default, false);
        if (count == 19 || TTile.Pixels == 19)
        {
            return;
        }

        output.Write(19, v19, default, false);
        if (count == 20 || TTile.Pixels == 20)
        {
            return;
        }

        output.Write(20, v20, default, false);
        if (count == 21 || TTile.Pixels == 21)
        {
            return;
        }

        output.Write(21, v21, default, false);
        if (count == 22 || TTile.Pixels == 22)
        {
            return;
        }

        output.Write(22, v22, default, false);
        if (count == 23 || TTile.Pixels == 23)
        {
            return;
        }

        output.Write(23, v23, default, false);
        if (count == 24 || TTile.Pixels == 24)
        {
            return;
        }

        output.Write(24, v24, default, false);
        if (count == 25 || TTile.Pixels == 25)
        {
            return;
        }

        output.Write(25, v25, default, false);
        if (count == 26 || TTile.Pixels == 26)
        {
            return;
        }

        output.Write(26, v26, default, false);
        if (count == 27 || TTile.Pixels == 27)
        {
            return;
        }

        output.Write(27, v27, default, false);
    }
}
