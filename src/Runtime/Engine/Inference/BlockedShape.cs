namespace MapDsl.Runtime.Engine.Inference;

/// <summary>
/// Where one image's activation lies in the layout of <see cref="FusedInference"/>: channels in blocks of
/// <see cref="BlockWidth"/> (16 for the activations, so that a pixel's block is one zmm vector; 1 for the network's
/// input, which is then its own NCHW planes), each block a (height + 2) x (width + 2) grid of pixels whose one-pixel
/// border is zero, the padding a 3 x 3 convolution reads. Channels past <see cref="Channels"/> up to a whole block
/// are zero too. Value (c, y, x) lies at block c / BlockWidth, grid row y + 1, grid column x + 1, lane c % BlockWidth.
/// </summary>
internal readonly struct BlockedShape
{
    public BlockedShape(int channels, int height, int width, int blockWidth)
    {
        Channels = channels;
        Height = height;
        Width = width;
        BlockWidth = blockWidth;
        Blocks = (channels + blockWidth - 1) / blockWidth;
        RowStride = checked((width + 2) * blockWidth);
        BlockStride = checked((height + 2) * RowStride);
        Floats = checked(Blocks * BlockStride);
    }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    /// <summary>Channels per block, consecutive floats of one pixel: 16, or 1 for a planar input.</summary>
    public int BlockWidth { get; }

    public int Blocks { get; }

    /// <summary>Channels including the zero ones that fill the last block.</summary>
    public int PaddedChannels => Blocks * BlockWidth;

    /// <summary>Floats between grid rows.</summary>
    public int RowStride { get; }

    /// <summary>Floats between channel blocks.</summary>
    public int BlockStride { get; }

    /// <summary>Floats of one image, borders included.</summary>
    public int Floats { get; }

    /// <summary>The offset of pixel (y, x) of block 0, where −1 and Height or Width are the zero border.</summary>
    public int Offset(int y, int x) => ((y + 1) * RowStride) + ((x + 1) * BlockWidth);
}
