namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// A validated convolution shape and the sizes derived from it. The GEMM view: the weights are a matrix
/// [outC, PatchLength], the unfolded input (im2col) is [PatchLength, images·OutputPlane], and their product is the
/// output, channel-major.
/// </summary>
internal readonly struct ConvShape
{
    public ConvShape(
        int batch, int inChannels, int inHeight, int inWidth, int outChannels,
        int kernelHeight, int kernelWidth, int stride, int pad)
    {
        SpanLength.RequirePositive(batch, nameof(batch));
        SpanLength.RequirePositive(inChannels, nameof(inChannels));
        SpanLength.RequirePositive(outChannels, nameof(outChannels));
        Batch = batch;
        InChannels = inChannels;
        InHeight = inHeight;
        InWidth = inWidth;
        OutChannels = outChannels;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        Stride = stride;
        Pad = pad;
        OutHeight = Sizes.ConvOutput(inHeight, kernelHeight, stride, pad);
        OutWidth = Sizes.ConvOutput(inWidth, kernelWidth, stride, pad);
        InputPlane = checked(inHeight * inWidth);
        OutputPlane = checked(OutHeight * OutWidth);
        PatchLength = checked(inChannels * kernelHeight * kernelWidth);
        InputImage = checked(inChannels * InputPlane);
        OutputImage = checked(outChannels * OutputPlane);
    }

    public int Batch { get; }
    public int InChannels { get; }
    public int InHeight { get; }
    public int InWidth { get; }
    public int OutChannels { get; }
    public int KernelHeight { get; }
    public int KernelWidth { get; }
    public int Stride { get; }
    public int Pad { get; }
    public int OutHeight { get; }
    public int OutWidth { get; }
    public int InputPlane { get; }
    public int OutputPlane { get; }
    public int PatchLength { get; }
    public int InputImage { get; }
    public int OutputImage { get; }

    public long InputLength => (long)Batch * InputImage;
    public long OutputLength => (long)Batch * OutputImage;
    public long WeightLength => (long)OutChannels * PatchLength;

    /// <summary>See <see cref="Sizes.Conv2dScratch"/>: a lone image's product lands in the output directly.</summary>
    public int ScratchFor(int images)
    {
        long columns = (long)images * OutputPlane;
        long floats = images == 1 ? columns * PatchLength : columns * (PatchLength + OutChannels);
        return floats <= Array.MaxLength
            ? (int)floats
            : throw new ArgumentException($"Scratch for {images} images would need {floats} floats; use fewer images per GEMM.", nameof(images));
    }

    /// <summary>How many images the kernels put in one GEMM with this much scratch: as many as fit, never more than the batch.</summary>
    public int ImagesPerGemm(int scratchLength)
    {
        long perImage = (long)OutputPlane * (PatchLength + OutChannels);
        long fitting = Math.Min(Batch, scratchLength / perImage);
        if (fitting >= 2)
        {
            return (int)fitting;
        }

        long single = (long)OutputPlane * PatchLength;
        return scratchLength >= single
            ? 1
            : throw new ArgumentException(
                $"Conv scratch holds {scratchLength} floats but even one image needs {single} (Sizes.Conv2dScratch).", "scratch");
    }
}
