namespace MapDsl.Runtime.Engine.Layers;

/// <summary>A validated pooling shape. Pools work plane by plane, so batch and channels only multiply.</summary>
internal readonly struct PoolShape
{
    public PoolShape(
        int batch, int channels, int inHeight, int inWidth, int windowHeight, int windowWidth, int strideHeight, int strideWidth)
    {
        SpanLength.RequirePositive(batch, nameof(batch));
        SpanLength.RequirePositive(channels, nameof(channels));
        InHeight = inHeight;
        InWidth = inWidth;
        WindowHeight = windowHeight;
        WindowWidth = windowWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        OutHeight = Sizes.PoolOutput(inHeight, windowHeight, strideHeight);
        OutWidth = Sizes.PoolOutput(inWidth, windowWidth, strideWidth);
        Planes = checked(batch * channels);
        InputPlane = checked(inHeight * inWidth);
        OutputPlane = checked(OutHeight * OutWidth);
    }

    public int InHeight { get; }
    public int InWidth { get; }
    public int WindowHeight { get; }
    public int WindowWidth { get; }
    public int StrideHeight { get; }
    public int StrideWidth { get; }
    public int OutHeight { get; }
    public int OutWidth { get; }
    public int Planes { get; }
    public int InputPlane { get; }
    public int OutputPlane { get; }

    public long InputLength => (long)Planes * InputPlane;
    public long OutputLength => (long)Planes * OutputPlane;
}
