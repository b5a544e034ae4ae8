namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// 2-D convolution (cross-correlation, as in PyTorch) on NCHW batches with square stride and zero padding, computed
/// as im2col + <see cref="Gemm"/>. Weights are [outC, inC, kH, kW] and biases [outC]; outH and outW follow
/// <see cref="Sizes.ConvOutput"/>.
/// </summary>
/// <remarks>
/// <para>
/// Batching: the kernels put as many images into one GEMM as <c>scratch</c> holds (see <see cref="Sizes.Conv2dScratch"/>).
/// One GEMM over the whole batch is usually fastest, because the GEMM then has a long N dimension to parallelise and
/// block over, while per-image GEMMs of early layers are tiny (LeNet's c1 is 6 × 784 × 25). The price is scratch of
/// batch·outH·outW·(inC·kH·kW + outC) floats, so a caller short of memory passes less and gets image-by-image GEMMs.
/// </para>
/// <para>
/// The images that share a GEMM fix how every sum is formed (the bias added to the finished product, the weight
/// gradient summed over the group's output positions slice by slice), and the results are those of that one GEMM;
/// but it is computed a few images at a time (see <see cref="ConvChunks"/> and <see cref="ConvWeightGradient"/>), so
/// that each chunk's unfolded input is multiplied while it is still in L2, and the chunks are shared out between the
/// GEMM threads.
/// </para>
/// <para>
/// Weights are plain arguments, never state: fault-aware training runs <see cref="Forward"/> and
/// <see cref="Backward"/> with the weights the faulty hardware reads back and applies the resulting gradient to the
/// clean weights. No buffer may alias another. <c>scratch</c> carries nothing from one call to the next, so all conv
/// layers (forward and backward) can share one buffer sized for the largest.
/// </para>
/// </remarks>
public static class Conv2d
{
    /// <summary>output = conv(input, weights) + bias, overwriting <paramref name="output"/>.</summary>
    /// <param name="input">[batch, inC, inH, inW].</param>
    /// <param name="weights">[outC, inC, kH, kW].</param>
    /// <param name="bias">[outC].</param>
    /// <param name="output">[batch, outC, outH, outW].</param>
    /// <param name="batch">Images.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelHeight">Kernel height.</param>
    /// <param name="kernelWidth">Kernel width.</param>
    /// <param name="stride">Stride in both directions.</param>
    /// <param name="pad">Zero padding on every side.</param>
    /// <param name="scratch">At least <see cref="Sizes.Conv2dScratch"/> for one image; more lets more images share a GEMM.</param>
    public static void Forward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels,
        int kernelHeight, int kernelWidth, int stride, int pad, Span<float> scratch)
    {
        var shape = new ConvShape(batch, inChannels, inHeight, inWidth, outChannels, kernelHeight, kernelWidth, stride, pad);
        SpanLength.Require(input.Length, shape.InputLength, nameof(input));
        SpanLength.Require(weights.Length, shape.WeightLength, nameof(weights));
        SpanLength.Require(bias.Length, outChannels, nameof(bias));
        SpanLength.Require(output.Length, shape.OutputLength, nameof(output));
        int imagesPerGemm = shape.ImagesPerGemm(scratch.Length);

        for (int first = 0; first < batch; first += imagesPerGemm)
        {
            int images = Math.Min(imagesPerGemm, batch - first);
            if (images == 1)
            {
                // One image's product [outC, outH·outW] is already its NCHW output: seed it with the bias and accumulate.
                Span<float> columns = scratch.Slice(0, shape.PatchLength * shape.OutputPlane);
                Im2Col.Unfold(input, columns, shape, first);
                Span<float> image = output.Slice(first * shape.OutputImage, shape.OutputImage);
                FillWithBias(image, bias, shape.OutputPlane);
                Gemm.Multiply(weights, columns, image, outChannels, shape.OutputPlane, shape.PatchLength, accumulate: true);
                continue;
            }

            ConvChunks.Forward(input, weights, bias, output, shape, first, images);
        }
    }

    /// <summary>
    /// Gradients of a loss with respect to the input, weights and bias, given its gradient with respect to the output.
    /// Every gradient is overwritten, not accumulated.
    /// </summary>
    /// <param name="input">The forward input, [batch, inC, inH, inW].</param>
    /// <param name="weights">The forward weights, [outC, inC, kH, kW].</param>
    /// <param name="gradOutput">[batch, outC, outH, outW].</param>
    /// <param name="gradInput">[batch, inC, inH, inW], or empty to skip it (a first layer needs no input gradient).</param>
    /// <param name="gradWeights">[outC, inC, kH, kW].</param>
    /// <param name="gradBias">[outC].</param>
    /// <param name="batch">Images.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelHeight">Kernel height.</param>
    /// <param name="kernelWidth">Kernel width.</param>
    /// <param name="stride">Stride in both directions.</param>
    /// <param name="pad">Zero padding on every side.</param>
    /// <param name="scratch">As for <see cref="Forward"/>; the same buffer serves both.</param>
    public static void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> gradOutput,
        Span<float> gradInput, Span<float> gradWeights, Span<float> gradBias,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels,
        int kernelHeight, int kernelWidth, int stride, int pad, Span<float> scratch)
    {
        var shape = new ConvShape(batch, inChannels, inHeight, inWidth, outChannels, kernelHeight, kernelWidth, stride, pad);
        SpanLength.Require(input.Length, shape.InputLength, nameof(input));
        SpanLength.Require(weights.Length, shape.WeightLength, nameof(weights));
        SpanLength.Require(gradOutput.Length, shape.OutputLength, nameof(gradOutput));
        SpanLength.RequireOrEmpty(gradInput.Length, shape.InputLength, nameof(gradInput));
        SpanLength.Require(gradWeights.Length, shape.WeightLength, nameof(gradWeights));
        SpanLength.Require(gradBias.Length, outChannels, nameof(gradBias));
        int imagesPerGemm = shape.ImagesPerGemm(scratch.Length);

        SumPerChannel(gradOutput, gradBias, shape);
        for (int first = 0; first < batch; first += imagesPerGemm)
        {
            int images = Math.Min(imagesPerGemm, batch - first);

            // The GEMMs want the output gradient channel-major, [outC, images·outH·outW]; one image already is.
            ReadOnlySpan<float> gradProduct = images == 1
                ? gradOutput.Slice(first * shape.OutputImage, shape.OutputImage)
                : ConvChunks.GatherChannelMajor(gradOutput, scratch.Slice(0, outChannels * images * shape.OutputPlane), shape, first, images);

            // dW (+)= dY · columnsᵀ: overwrite with the first group of images, add the rest.
            ConvWeightGradient.Add(input, gradProduct, gradWeights, shape, first, images, accumulate: first > 0);

            if (!gradInput.IsEmpty)
            {
                ConvChunks.InputGradient(weights, gradProduct, gradInput, shape, first, images);
            }
        }
    }

    private static void FillWithBias(Span<float> image, ReadOnlySpan<float> bias, int plane)
    {
        for (int o = 0; o < bias.Length; o++)
        {
            image.Slice(o * plane, plane).Fill(bias[o]);
        }
    }

    /// <summary>gradBias[o] = 0 + the sum of each image's plane o, added image by image; channels are shared out between threads.</summary>
    private static unsafe void SumPerChannel(ReadOnlySpan<float> gradOutput, Span<float> gradBias, in ConvShape shape)
    {
        fixed (float* dy = gradOutput, db = gradBias)
        {
            ParallelItems.Run(new BiasPass(dy, db, shape), shape.OutChannels, (long)shape.Batch * shape.OutputPlane);
        }
    }

    private readonly unsafe struct BiasPass(float* gradOutput, float* gradBias, ConvShape shape) : IItemPass
    {
        public void Run(int start, int end)
        {
            for (int o = start; o < end; o++)
            {
                float sum = 0f;
                for (int image = 0; image < shape.Batch; image++)
                {
                    sum += VectorMath.Sum(new ReadOnlySpan<float>(gradOutput + (long)image * shape.OutputImage + (long)o * shape.OutputPlane, shape.OutputPlane));
                }

                gradBias[o] = sum;
            }
        }
    }
}
