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
    private readonly int _groupChannels;

    // Rows go two at a time through the two-row kernel, if there is one, and one at a time through the other.
    private readonly Kernel? _twoRows;
    private readonly Kernel _oneRow;

    public DirectConv(Conv2dStep step, BlockedShape input)
    {
        Step = step;
        Input = input;
        Output = new BlockedShape(step.OutChannels, step.OutHeight, step.OutWidth, 16);
        var vectors = Output.PaddedChannels % 32 == 0 ? 2 : 1;
        var pixelStep = step.Stride * input.BlockWidth;
        _groupChannels = 16 * vectors;
        _oneRow = new Kernel(TilePixels(step.OutWidth, vectors), vectors, pixelStep, rows: 1);
        _twoRows = vectors == 2 && step.OutWidth <= 7 ? new Kernel(7, vectors, pixelStep, rows: 2) : null;
        PackedLength = (step.KernelHeight * step.KernelWidth * input.PaddedChannels * Output.PaddedChannels) + Output.PaddedChannels;

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
    public int PackedLength { get; }

    /// <summary>
    /// Floats a tile may read past the end of an input image: its pixels beyond the row's end are computed (and
    /// dropped) from whatever follows.
    /// </summary>
    public int Overrun => ((_oneRow.RowPixels * Step.Stride) + Step.KernelWidth) * Input.BlockWidth;

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
        int taps = Step.KernelHeight * Step.KernelWidth, inChannels = Step.InChannels, outChannels = Step.OutChannels;
        int inPadded = Input.PaddedChannels, outPadded = Output.PaddedChannels;
        Span<double> scales = outChannels <= 1024 ? stackalloc double[outChannels] : new double[outChannels];
        for (var o = 0; o < outChannels; o++)
        {
            scales[o] = norm?.Scale(o) ?? 1.0;
        }

        // In the order of the packed rows, so that the writes go to consecutive cache lines (the reads stride).
        packed = packed.Slice(0, PackedLength);
        packed.Clear();
        for (var tap = 0; tap < taps; tap++)
        {
            for (var c = 0; c < inChannels; c++)
            {
                var row = packed.Slice(((tap * inPadded) + c) * outPadded, outChannels);
                for (var o = 0; o < outChannels; o++)
                {
                    var w = weights[(((o * inChannels) + c) * taps) + tap];
                    row[o] = norm is null ? w : (float)(w * scales[o]);
                }
            }
        }

        var biases = packed.Slice(taps * inPadded * outPadded, outChannels);
        for (var o = 0; o < outChannels; o++)
        {
            biases[o] = norm is null ? bias[o] : (float)(((bias[o] - (double)norm.RunningMean[o]) * scales[o]) + norm.Beta[o]);
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
        var oy = 0;
        for (; _twoRows is { } kernel && oy + 2 <= Step.OutHeight; oy += 2)
        {
            Row(kernel, oy, input, output, residual, packed, relu);
        }

        for (; oy < Step.OutHeight; oy++)
        {
            Row(_oneRow, oy, input, output, residual, packed, relu);
        }
    }

    // The tiles of output row oy (and oy + 1 for a two-row kernel), every group of output channels.
    private void Row(Kernel kernel, int oy, float* input, float* output, float* residual, float* packed, bool relu)
    {
        var outPadded = Output.PaddedChannels;
        var bias = packed + (PackedLength - outPadded);
        var inputRowStride = Step.Stride * Input.RowStride;
        fixed (int* segments = _segments)
        {
            for (var x0 = 0; x0 < Step.OutWidth; x0 += kernel.RowPixels)
            {
                var count = Math.Min(kernel.RowPixels, Step.OutWidth - x0);
                var from = input + Input.Offset((oy * Step.Stride) - Step.Padding, (x0 * Step.Stride) - Step.Padding);
                var to = Output.Offset(oy, x0);
                for (var g = 0; g < outPadded; g += _groupChannels)
                {
                    var at = to + (g / 16 * Output.BlockStride);
                    var tile = new TileOutput(output + at, residual == null ? null : residual + at, Output.BlockStride, Output.RowStride, relu);
                    kernel.Run(from, segments, _segments.Length, Input.BlockWidth, packed + g, outPadded, bias + g, inputRowStride, tile, count);
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

    /// <summary>A kernel instantiation for the convolution's tile and pixel step.</summary>
    private sealed class Kernel
    {
        public Kernel(int rowPixels, int vectors, int step, int rows)
        {
            RowPixels = rowPixels;
            Run = (rowPixels * rows, vectors) switch
            {
                (28, 1) => For<Tile28x16>(step),
                (14, 1) => For<Tile14x16>(step),
                (7, 1) => For<Tile7x16>(step),
                (14, 2) => rows == 2 ? For<Tile2x7x32>(step) : For<Tile14x32>(step),
                _ => For<Tile7x32>(step),
            };
        }

        public int RowPixels { get; }

        public delegate*<float*, int*, int, int, float*, nint, float*, nint, in TileOutput, int, void> Run { get; }

        private static delegate*<float*, int*, int, int, float*, nint, float*, nint, in TileOutput, int, void> For<TTile>(int step)
            where TTile : IConvTile => step switch
            {
                1 => &DirectConvKernel<TTile, Step1>.Run,
                2 => &DirectConvKernel<TTile, Step2>.Run,
                16 => &DirectConvKernel<TTile, Step16>.Run,
                32 => &DirectConvKernel<TTile, Step32>.Run,
                _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Inputs of neighbouring pixels 1, 2, 16 or 32 floats apart."),
            };
    }
}
