namespace MapDsl.Fuzzing;

/// <summary>
/// The shape a generated network has after a layer, tracked so that the generator writes layers that
/// fit (a kernel no larger than its input, a residual body that gives its input's shape back).
/// </summary>
internal readonly record struct XmapTensor(int Channels, int Height, int Width)
{
    public static XmapTensor Vector(int length) => new(length, 0, 0);

    public bool IsVector => Height == 0;

    public int Length => IsVector ? Channels : Channels * Height * Width;

    public override string ToString() => IsVector ? XmapValues.Text(Channels) : $"{Channels} x {Height} x {Width}";
}

/// <summary>A weighted layer of a generated network, as a pruning rule names it (qualified inside a block).</summary>
internal sealed record XmapWeightedLayer(string Name, int KernelHeight, int KernelWidth)
{
    public bool IsConv => KernelHeight > 0;
}

/// <summary>Lines of one layer statement (several for a residual block), with the shape after it.</summary>
internal sealed record XmapLayerSketch(IReadOnlyList<string> Lines, XmapTensor Output, IReadOnlyList<XmapWeightedLayer> Weighted);

/// <summary>A generated network: its text and the weighted layers its prunings may name.</summary>
internal sealed record XmapNetworkSketch(string Name, string Text, IReadOnlyList<XmapWeightedLayer> Weighted);
