namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// The passes of a <see cref="Conv2d"/> GEMM group that go image by image, shared out between the GEMM threads in
/// chunks of a few images: a chunk's input is unfolded into the thread's own buffer, multiplied and copied out
/// (or its column gradients computed and folded back) before the next, so that they never leave L2, where the
/// group's whole unfolded matrix (LeNet's first layer: 5 MB for 64 images) would go to memory and come back.
/// </summary>
/// <remarks>
/// A chunk is a block of columns of the group's product, and its GEMM is the group's GEMM restricted to those
/// columns: every element is summed exactly as by one GEMM over the group, whichever thread computes it.
/// </remarks>
internal static unsafe class ConvChunks
{
    // About 256 KB of unfolded input per chunk: room in L2 for it, the product and the GEMM's packed panels.
    private const int ChunkFloats = 1 << 16;

    /// <summary>output = W · columns + bias for the group's images, the bias added to the finished product.</summary>
    public static void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output, in ConvShape shape, int first, int images)
    {
        fixed (float* x = input, w = weights, b = bias, y = output)
        {
            var pass = new ForwardPass(x, w, b, y, shape, first);
            ParallelItems.Run(pass, images, Work(shape));
        }
    }

    /// <summary>The group's input gradient: column gradients Wᵀ · dY, folded back into <paramref name="gradInput"/>.</summary>
    /// <param name="weights">[outC, inC·kH·kW].</param>
    /// <param name="gradProduct">The group's output gradient channel-major, [outC, images·outH·outW].</param>
    /// <param name="gradInput">The batch's input gradient; the group's images are overwritten.</param>
    /// <param name="shape">The convolution.</param>
    /// <param name="first">The group's first image.</param>
    /// <param name="images">Images in the group.</param>
    public static void InputGradient(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> gradProduct, Span<float> gradInput, in ConvShape shape, int first, int images)
    {
        fixed (float* w = weights, dy = gradProduct, dx = gradInput)
        {
            var pass = new InputGradientPass(w, dy, dx, shape, first, images);
            ParallelItems.Run(pass, images, Work(shape));
        }
    }

    /// <summary>The group's output gradient channel-major, [outC, images·outH·outW], as the GEMMs take it.</summary>
    public static ReadOnlySpan<float> GatherChannelMajor(ReadOnlySpan<float> gradOutput, Span<float> target, in ConvShape shape, int first, int images)
    {
        fixed (float* from = gradOutput, to = target)
        {
            ParallelItems.Run(new GatherPass(from, to, shape, first, images), images, 2L * shape.OutputImage);
        }

        return target;
    }

    // Floats an image's passes read and write: its columns twice, its output or gradient.
    private static long Work(in ConvShape shape) => 2L * shape.PatchLength * shape.OutputPlane + shape.OutputImage;

    private static int ImagesPerChunk(in ConvShape shape) => Math.Max(1, ChunkFloats / (shape.PatchLength * shape.OutputPlane));

    private readonly struct ForwardPass(float* input, float* weights, float* bias, float* output, ConvShape shape, int first) : IItemPass
    {
        public void Run(int start, int end)
        {
            int plane = shape.OutputPlane;
            int chunk = ImagesPerChunk(shape);
            float* unfolded = ThreadScratch.Chunk(chunk * plane * (shape.PatchLength + shape.OutChannels));
            float* products = unfolded + (long)chunk * plane * shape.PatchLength;
            for (int from = start; from < end; from += chunk)
            {
                int to = Math.Min(end, from + chunk);
                int rowLength = (to - from) * plane;
                Im2Col.Unfold(input, unfolded, shape, first + from, to - from);
                Gemm.Run(
                    GemmLayout.Plain, weights, shape.PatchLength, unfolded, rowLength, products, rowLength,
                    shape.OutChannels, rowLength, shape.PatchLength, accumulate: false, threads: 1);
                for (int o = 0; o < shape.OutChannels; o++)
                {
                    for (int image = from; image < to; image++)
                    {
                        // The bias is added after the product, as one GEMM over the group would have it.
                        VectorMath.CopyPlus(
                            new ReadOnlySpan<float>(products + (long)o * rowLength + (long)(image - from) * plane, plane),
                            bias[o],
                            new Span<float>(output + (long)(first + image) * shape.OutputImage + (long)o * plane, plane));
                    }
                }
            }
        }
    }

    private readonly struct InputGradientPass(float* weights, float* gradProduct, float* gradInput, ConvShape shape, int first, int images) : IItemPass
    {
        public void Run(int start, int end)
        {
            int plane = shape.OutputPlane;
            int chunk = ImagesPerChunk(shape);
            float* columnGradients = ThreadScratch.Chunk(chunk * plane * shape.PatchLength);
            for (int from = start; from < end; from += chunk)
            {
                int to = Math.Min(end, from + chunk);

                // dColumns = Wᵀ · dY, the weights [outC, patch] read as the transposed left operand.
                Gemm.Run(
                    GemmLayout.TransposedA, weights, shape.PatchLength, gradProduct + (long)from * plane, images * plane,
                    columnGradients, (to - from) * plane, shape.PatchLength, (to - from) * plane, shape.OutChannels,
                    accumulate: false, threads: 1);
                Im2Col.Fold(columnGradients, gradInput, shape, first + from, to - from);
            }
        }
    }

    private readonly struct GatherPass(float* gradOutput, float* target, ConvShape shape, int first, int images) : IItemPass
    {
        public void Run(int start, int end)
        {
            int plane = shape.OutputPlane;
            for (int image = start; image < end; image++)
            {
                for (int o = 0; o < shape.OutChannels; o++)
                {
                    new ReadOnlySpan<float>(gradOutput + (long)(first + image) * shape.OutputImage + (long)o * plane, plane)
                        .CopyTo(new Span<float>(target + (long)o * images * plane + (long)image * plane, plane));
                }
            }
        }
    }
}
