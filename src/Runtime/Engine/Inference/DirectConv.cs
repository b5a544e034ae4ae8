using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MapDsl.Runtime.Engine.Graph;

namespace MapDsl.Runtime.Engine.Inference;

/// <summary>
/// One convolution of <see cref="FusedInference"/> on one image in the blocked layout: output rows in tiles of
/// <see cref="DirectConvKernel{TTile, TStep}"/>, which read the input where it lies (the zero border is the padding)
/// instead of unfolding it, and whose epilogue adds a residual and applies ReLU. Its weights are packed per call,
/// with the batch norm that follows it folded in.
/// </summary>
internal sealed unsafe class DirectConv
{
    private readonly int[] _segments;
    private readonly delegate*<float*, int*, int, int, float*, nint, float*, in TileOutput, int, void> _kernel;
    private readonly int _pixels;
    private readonly int _groupChannels;

    public DirectConv(Conv2dStep step, BlockedShape input)
    {
        Step = step;
        Input = input;
        Output = new BlockedShape(step.OutChannels, step.OutHeight, step.OutWidth, 16);
        var vectors = Output.PaddedChannels % 32 == 0 ? 2 : 1;
        _pixels = TilePixels(step.OutWidth, vectors);
        _groupChannels = 16 * vectors;
        _kernel = Kernel(_pixels, vectors, step.Stride * input.BlockWidth);

        // Tap-major, then channel block: the order of the packed weights' rows.
        _segments = GC.AllocateArray<int>(step.KernelHeight * step.KernelWidth * input.Blocks, pinned: true);
        var s = 0;
        for (var ky = 0; ky < step.KernelHeight; ky++)
        {
            for (var kx = 0; kx < step.KernelWidth; kx++)
            {
                for (var block = 0; block < input.Blocks; block++)
                {
                    _segments[s++] = (block * input.BlockStride) + (ky * input.RowStride) + (kx * input.BlockWidth);
                }
            }
        }
    }

    public Conv2dStep Step { get; }

    public BlockedShape Input { get; }

    public BlockedShape Output { get; }

    /// <summary>Floats of packed weights [tap, padded inC, padded outC] followed by the padded biases.</summary>
    public int PackedLength => (Step.KernelHeight * Step.KernelWidth * Input.PaddedChannels * Output.PaddedChannels) + Output.PaddedChannels;

    /// <summary>
    /// Floats a tile may read past the end of an input image: its pixels beyond the row's end are computed (and
    /// dropped) from whatever follows.
    /// </summary>
    public int Overrun => ((_pixels * Step.Stride) + Step.KernelWidth) * Input.BlockWidth;

    /// <summary>Whether this path computes the convolution: AVX-512, padding at most the border, stride 1 or 2.</summary>
    public static bool Supports(Conv2dStep step) =>
        Avx512F.IsSupported && Vector512.IsHardwareAccelerated && step.Padding <= 1 && step.Stride is 1 or 2;

    /// <summary>
    /// Packs the weights [outC, inC, kH, kW] as [kH·kW, padded inC, padded outC] and the biases after them, folding
    /// <paramref name="norm"/> as <see cref="BatchNormFolding.Fold"/> does (in double, each value rounded once), so
    /// that unfolded weights give the same results here as weights folded beforehand.
    /// </summary>
    public void Pack(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, BatchNormParameters? norm, Span<float> packed)
    {
        var taps = Step.KernelHeight * Step.KernelWidth;
        var inPadded = Input.PaddedChannels;
        var outPadded = Output.PaddedChannels;
        packed = packed.Slice(0, PackedLength);
        packed.Clear();
        for (var o = 0; o < Step.OutChannels; o++)
        {
            var scale = norm?.Scale(o) ?? 1.0;
            for (var c = 0; c < Step.InChannels; c++)
            {
                for (var tap = 0; tap < taps; tap++)
                {
                    var w = weights[(((o * Step.InChannels) + c) * taps) + tap];
                    packed[(((tap * inPadded) + c) * outPadded) + o] = norm is null ? w : (float)(w * scale);
                }
            }

            packed[(taps * inPadded * outPadded) + o] = norm is null
                ? bias[o]
                : (float)(((bias[o] - (double)norm.RunningMean[o]) * scale) + norm.Beta[o]);
        }
    }

    /// <summary>Computes one image: output = conv(input) + bias (+ residual), ReLU if asked.</summary>
    /// <param name="input">The image's input in <see cref="Input"/>'s layout.</param>
    /// <param name="output">Its output in <see cref="Output"/>'s layout; only the inside is written.</param>
    /// <param name="residual">A value of <see cref="Output"/>'s shape to add, or null.</param>
    /// <param name="packed">What <see cref="Pack"/> wrote.</param>
    /// <param name="relu">Whether to apply ReLU after the addition.</param>
    public void Run(float* input, float* output, float* residual, float* packed, bool relu)
    {
        var stride = Step.Stride;
        var pad = Step.Padding;
        var outPadded = Output.PaddedChannels;
        var bias = packed + (PackedLength - outPadded);
        fixed (int* segments = _segments)
        {
            for (var oy = 0; oy < Step.OutHeight; oy++)
            {
                for (var x0 = 0; x0 < Step.OutWidth; x0 += _pixels)
                {
                    var count = Math.Min(_pixels, Step.OutWidth - x0);
                    var from = input + Input.Offset((oy * stride) - pad, (x0 * stride) - pad);
                    var to = Output.Offset(oy, x0);
                    for (var g = 0; g < outPadded; g += _groupChannels)
                    {
                        var at = to + (g / 16 * Output.BlockStride);
                        var tile = new TileOutput(output + at, residual == null ? null : residual + at, Output.BlockStride, relu);
                        _kernel(from, segments, _segments.Length, Input.BlockWidth, packed + g, outPadded, bias + g, tile, count);
                    }
                }
            }
        }
    }

    // The tile width that wastes the fewest pixels on a row, the wider on a tie; 28 only for 16-channel tiles.
    private static int TilePixels(int width, int vectors)
    {
        int[] widths = vectors == 1 ? [28, 14, 7] : [14, 7];
        var best = widths[0];
        foreach (var w in widths)
        {
            if (Padded(width, w) < Padded(width, best))
            {
                best = w;
            }
        }

        return best;

        static int Padded(int length, int tile) => (length + tile - 1) / tile * tile;
    }

    private static delegate*<float*, int*, int, int, float*, nint, float*, in TileOutput, int, void> Kernel(int pixels, int vectors, int step) =>
        (pixels, vectors) switch
        {
            (28, 1) => Kernel<Tile28x16>(step),
            (14, 1) => Kernel<Tile14x16>(step),
            (7, 1) => Kernel<Tile7x16>(step),
            (14, 2) => Kernel<Tile14x32>(step),
            _ => Kernel<Tile7x32>(step),
        };

    private static delegate*<float*, int*, int, int, float*, nint, float*, in TileOutput, int, void> Kernel<TTile>(int step)
        where TTile : IConvTile => step switch
        {
            1 => &DirectConvKernel<TTile, Step1>.Run,
            2 => &DirectConvKernel<TTile, Step2>.Run,
            16 => &DirectConvKernel<TTile, Step16>.Run,
            32 => &DirectConvKernel<TTile, Step32>.Run,
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Inputs of neighbouring pixels 1, 2, 16 or 32 floats apart."),
        };
}
