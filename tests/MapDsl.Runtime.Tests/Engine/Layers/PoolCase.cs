namespace MapDsl.Runtime.Tests.Engine.Layers;

/// <summary>Pool shapes shared by the max and average pool tests.</summary>
internal static class PoolCase
{
    /// <summary>
    /// (batch, channels, inH, inW, kH, kW, strideH, strideW): the .xmap default stride (= window, also a non-square
    /// 2x3 window stepping 2 and 3), overlapping windows (3x3 stride 2), stride 1, and sizes the floor leaves a margin in.
    /// </summary>
    public static TheoryData<int, int, int, int, int, int, int, int> Shapes => new()
    {
        { 1, 1, 4, 4, 2, 2, 2, 2 },
        { 2, 3, 6, 9, 2, 3, 2, 3 },
        { 2, 2, 7, 7, 3, 3, 2, 2 },
        { 3, 1, 5, 6, 2, 2, 1, 1 },
        { 2, 2, 9, 8, 2, 3, 3, 3 },
        { 1, 2, 5, 5, 5, 5, 5, 5 },
    };
}
