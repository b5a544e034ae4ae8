namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// Output sizes of the spatial layers (PyTorch's floor rule) and the scratch <see cref="Conv2d"/> needs, so generated
/// code can size every buffer once, up front.
/// </summary>
public static class Sizes
{
    /// <summary>Output height or width of a convolution: floor((input + 2·pad − kernel) / stride) + 1.</summary>
    /// <param name="input">Input height or width.</param>
    /// <param name="kernel">Kernel height or width.</param>
    /// <param name="stride">Step between windows, at least 1.</param>
    /// <param name="pad">Zero padding on each side, at least 0.</param>
    /// <exception cref="ArgumentException">The kernel is larger than the padded input.</exception>
    public static int ConvOutput(int input, int kernel, int stride, int pad)
    {
        SpanLength.RequirePositive(input, nameof(input));
        SpanLength.RequirePositive(kernel, nameof(kernel));
        SpanLength.RequirePositive(stride, nameof(stride));
        ArgumentOutOfRangeException.ThrowIfNegative(pad);
        if (!Shared.WindowArithmetic.Fits(input, kernel, pad))
        {
            throw new ArgumentException($"A kernel of {kernel} does not fit an input of {input} padded by {pad}.", nameof(kernel));
        }

        return checked((int)Shared.WindowArithmetic.Output(input, kernel, stride, pad));
    }

    /// <summary>Output height or width of a pool (no padding): floor((input − window) / stride) + 1.</summary>
    /// <param name="input">Input height or width.</param>
    /// <param name="window">Window height or width.</param>
    /// <param name="stride">Step between windows; the .xmap default is the window itself.</param>
    public static int PoolOutput(int input, int window, int stride) => ConvOutput(input, window, stride, pad: 0);

    /// <summary>
    /// Floats of scratch that let <see cref="Conv2d"/> handle <paramref name="imagesPerGemm"/> images with one GEMM, in
    /// forward and in backward alike. Pass the batch size for speed (one large GEMM parallelises best) or 1 for the
    /// least memory (inC·kH·kW·outH·outW floats); any buffer in between works, the kernels take as many images per GEMM
    /// as fit.
    /// </summary>
    /// <remarks>
    /// One image needs only its unfolded input (im2col), because its GEMM result is already in NCHW order and goes
    /// straight to the output. Several images share one GEMM whose result is [outC, images·outH·outW] (channel-major),
    /// so the size also counts that many floats. The kernels unfold and multiply such a group a few images at a time in
    /// buffers of their own and keep only the backward pass's channel-major output gradient (outC·images·outH·outW
    /// floats) in the scratch; its size decides how many images share a GEMM, and so how the sums are grouped.
    /// </remarks>
    /// <param name="imagesPerGemm">Images per GEMM, at least 1.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelHeight">Kernel height.</param>
    /// <param name="kernelWidth">Kernel width.</param>
    /// <param name="stride">Stride in both directions.</param>
    /// <param name="pad">Zero padding on every side.</param>
    public static int Conv2dScratch(
        int imagesPerGemm, int inChannels, int inHeight, int inWidth, int outChannels,
        int kernelHeight, int kernelWidth, int stride, int pad)
    {
        var shape = new ConvShape(
            imagesPerGemm, inChannels, inHeight, inWidth, outChannels, kernelHeight, kernelWidth, stride, pad);
        return shape.ScratchFor(imagesPerGemm);
    }
}
