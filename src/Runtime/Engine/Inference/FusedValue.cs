namespace MapDsl.Runtime.Engine.Inference;

/// <summary>
/// One activation of one image in <see cref="FusedInference"/>: a step's output (several steps share one when an op
/// absorbs them), either an image in the <see cref="BlockedShape"/> layout or a vector, at <see cref="Offset"/> in the
/// thread's buffer.
/// </summary>
internal sealed class FusedValue
{
    // Zero floats after every value, which the junk pixels of a conv's last tile may read (DirectConv.Overrun).
    public const int Slack = 1024;

    private FusedValue(BlockedShape shape, int length, bool isImage)
    {
        Shape = shape;
        Length = length;
        IsImage = isImage;
        Floats = isImage ? shape.Floats : (length + 15) / 16 * 16;
    }

    /// <summary>Whether the value is an image in <see cref="Shape"/>'s layout, rather than a vector.</summary>
    public bool IsImage { get; }

    /// <summary>The layout of an image value.</summary>
    public BlockedShape Shape { get; }

    /// <summary>The values a step's output has per image (C·H·W, or a vector's length).</summary>
    public int Length { get; }

    /// <summary>Floats it takes: the blocked image with its border, or the vector rounded up to whole zmm vectors (zeros past Length).</summary>
    public int Floats { get; }

    /// <summary>Where it lies in the thread's buffer; set when the plan lays the buffer out.</summary>
    public int Offset { get; set; }

    /// <summary>Whether an elementwise op can run over it a zmm vector of 16 channels at a time.</summary>
    public bool IsVectorizable => !IsImage || Shape.BlockWidth == 16;

    public static FusedValue Image(BlockedShape shape) => new(shape, shape.Channels * shape.Height * shape.Width, isImage: true);

    public static FusedValue Vector(int length) => new(default, length, isImage: false);

    /// <summary>Whether the two hold the same elements in the same layout (an addition's operands).</summary>
    public bool SameLayout(FusedValue other) =>
        IsImage == other.IsImage && Length == other.Length && Floats == other.Floats && Shape.BlockWidth == other.Shape.BlockWidth;
}
