namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// The weight gradient of a <see cref="Conv2d"/> GEMM group, dW (+)= dY · columnsᵀ: a small product (outC ×
/// inC·kH·kW; a single GEMM tile for LeNet's first layer) summed over a long k, every output position of the group.
/// Splitting dW between threads cannot keep two busy, and the group's unfolded input is megabytes; so the threads
/// split k instead, each unfolding the images under its share of k into its own buffer, where the product reads
/// them from L2.
/// </summary>
/// <remarks>
/// Bit-identical to <see cref="Gemm.MultiplyTransposedB(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool)"/>
/// over the whole group, which gives every element dW (or 0) + s_0 + s_1 + ..., s_q being the in-order FMA chain over
/// the q-th slice of <see cref="GemmKernels.Kc"/> columns, added in order of q. Here a GEMM over slice q alone writes
/// exactly s_q into a partial product of its own, on whichever thread, and the partials are then added to dW in order
/// of q: the same additions in the same order.
/// </remarks>
internal static unsafe class ConvWeightGradient
{
    // Unfolded input per thread at a time: about 1 MB, which L2 holds along with the GEMM's packed panels.
    private const int ChunkFloats = 1 << 18;

    /// <summary>dW = dY · columnsᵀ over the group, or dW += it with <paramref name="accumulate"/>.</summary>
    /// <param name="input">The batch's input.</param>
    /// <param name="gradProduct">The group's output gradient channel-major, [outC, images·outH·outW].</param>
    /// <param name="gradWeights">[outC, inC·kH·kW].</param>
    /// <param name="shape">The convolution.</param>
    /// <param name="first">The group's first image.</param>
    /// <param name="images">Images in the group.</param>
    /// <param name="accumulate">Add to <paramref name="gradWeights"/> (a later group) instead of overwriting it.</param>
    public static void Add(
        ReadOnlySpan<float> input, ReadOnlySpan<float> gradProduct, Span<float> gradWeights, in ConvShape shape, int first, int images, bool accumulate)
    {
        int slices = (images * shape.OutputPlane + GemmKernels.Kc - 1) / GemmKernels.Kc;
        int partialLength = shape.OutChannels * shape.PatchLength;
        float* partials = ThreadScratch.Shared(slices * partialLength);
        fixed (float* x = input, dy = gradProduct)
        {
            var pass = new SlicesPass(x, dy, partials, shape, first, images);
            ParallelItems.Run(pass, slices, 2L * GemmKernels.Kc * (shape.PatchLength + shape.OutChannels));
        }

        for (int slice = 0; slice < slices; slice++)
        {
            var partial = new ReadOnlySpan<float>(partials + (long)slice * partialLength, partialLength);
            if (slice == 0 && !accumulate)
            {
                partial.CopyTo(gradWeights);
            }
            else
            {
                VectorMath.AddInPlace(gradWeights, partial);
            }
        }
    }

    /// <summary>Slices of k, a run of them at a time: the images under the run are unfolded, then each slice multiplied.</summary>
    private readonly struct SlicesPass(float* input, float* gradProduct, float* partials, ConvShape shape, int first, int images) : IItemPass
    {
        public void Run(int start, int end)
        {
            int plane = shape.OutputPlane;
            int columns = images * plane;
            int slicesPerRun = Math.Max(1, ChunkFloats / (shape.PatchLength * GemmKernels.Kc));
            int mostImages = (slicesPerRun * GemmKernels.Kc + plane - 1) / plane + 1;
            float* unfolded = ThreadScratch.Chunk(mostImages * plane * shape.PatchLength);
            for (int runStart = start; runStart < end; runStart += slicesPerRun)
            {
                int runEnd = Math.Min(end, runStart + slicesPerRun);
                int firstImage = runStart * GemmKernels.Kc / plane;
                int endImage = (Math.Min(runEnd * GemmKernels.Kc, columns) + plane - 1) / plane;
                int rowLength = (endImage - firstImage) * plane;
                Im2Col.Unfold(input, unfolded, shape, first + firstImage, endImage - firstImage);
                for (int slice = runStart; slice < runEnd; slice++)
                {
                    int column = slice * GemmKernels.Kc;
                    Gemm.Run(
                        GemmLayout.TransposedB, gradProduct + column, columns, unfolded + (column - firstImage * plane), rowLength,
                        partials + (long)slice * shape.OutChannels * shape.PatchLength, shape.PatchLength,
                        shape.OutChannels, shape.PatchLength, Math.Min(GemmKernels.Kc, columns - column), accumulate: false, threads: 1);
                }
            }
        }
    }
}
