using MapDsl.Runtime.Engine.Layers;

namespace MapDsl.Runtime.Engine.Graph;

/// <summary>
/// The shape of a pooling step: an unpadded window over each input plane, stepping by a stride that may differ
/// between directions (an .xmap pool without <c>stride</c> steps by its window).
/// </summary>
public abstract class PoolWindow : GraphStep
{
    private protected PoolWindow(int channels, int inHeight, int inWidth, int windowHeight, int windowWidth, int strideHeight, int strideWidth)
        : base(
            checked(channels * inHeight * inWidth),
            checked(channels * Sizes.PoolOutput(inHeight, windowHeight, strideHeight) * Sizes.PoolOutput(inWidth, windowWidth, strideWidth)))
    {
        Channels = channels;
        InHeight = inHeight;
        InWidth = inWidth;
        WindowHeight = windowHeight;
        WindowWidth = windowWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        OutHeight = Sizes.PoolOutput(inHeight, windowHeight, strideHeight);
        OutWidth = Sizes.PoolOutput(inWidth, windowWidth, strideWidth);
    }

    /// <summary>Channels.</summary>
    public int Channels { get; }

    /// <summary>Input height.</summary>
    public int InHeight { get; }

    /// <summary>Input width.</summary>
    public int InWidth { get; }

    /// <summary>Window height.</summary>
    public int WindowHeight { get; }

    /// <summary>Window width.</summary>
    public int WindowWidth { get; }

    /// <summary>Step down.</summary>
    public int StrideHeight { get; }

    /// <summary>Step across.</summary>
    public int StrideWidth { get; }

    /// <summary>Output height.</summary>
    public int OutHeight { get; }

    /// <summary>Output width.</summary>
    public int OutWidth { get; }
}
