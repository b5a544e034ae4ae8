namespace MapDsl.Runtime.Engine.Inference;

/// <summary>The shape of a <see cref="DirectConvKernel{TTile, TStep}"/> tile: output pixels times 16-channel vectors.</summary>
internal interface IConvTile
{
    /// <summary>Output pixels, each an accumulator per vector.</summary>
    static abstract int Pixels { get; }

    /// <summary>Pixels per row: Pixels for a one-row tile, half of them for a tile of two rows.</summary>
    static abstract int RowPixels { get; }

    /// <summary>Vectors of 16 output channels per pixel: 1 or 2.</summary>
    static abstract int Vectors { get; }
}

/// <summary>The distance in floats between the inputs of neighbouring output pixels: stride times block width.</summary>
internal interface IPixelStep
{
    /// <summary>Floats.</summary>
    static abstract int Step { get; }
}

// 28 + 1 registers: the most a 16-channel tile can hold beside its weight vector. Rows of 28 are MNIST's.
internal readonly struct Tile28x16 : IConvTile
{
    public static int Pixels => 28;

    public static int RowPixels => 28;

    public static int Vectors => 1;
}

internal readonly struct Tile14x16 : IConvTile
{
    public static int Pixels => 14;

    public static int RowPixels => 14;

    public static int Vectors => 1;
}

internal readonly struct Tile7x16 : IConvTile
{
    public static int Pixels => 7;

    public static int RowPixels => 7;

    public static int Vectors => 1;
}

// 28 accumulators, 2 weight vectors and a broadcast: 31 of the 32 registers.
internal readonly struct Tile14x32 : IConvTile
{
    public static int Pixels => 14;

    public static int RowPixels => 14;

    public static int Vectors => 2;
}

internal readonly struct Tile7x32 : IConvTile
{
    public static int Pixels => 7;

    public static int RowPixels => 7;

    public static int Vectors => 2;
}

// Two rows of 7: 7 x 7 images (ResNet-8's last block), whose 7-pixel tiles would read each weight vector for only 7
// FMAs per pair, too few for weights that spill out of L1 (64 x 64 x 3 x 3 is 147 KB).
internal readonly struct Tile2x7x32 : IConvTile
{
    public static int Pixels => 14;

    public static int RowPixels => 7;

    public static int Vectors => 2;
}

// Stride 1 or 2 over a planar input (block width 1), or over the 16-channel blocks of the activations.
internal readonly struct Step1 : IPixelStep
{
    public static int Step => 1;
}

internal readonly struct Step2 : IPixelStep
{
    public static int Step => 2;
}

internal readonly struct Step16 : IPixelStep
{
    public static int Step => 16;
}

internal readonly struct Step32 : IPixelStep
{
    public static int Step => 32;
}
