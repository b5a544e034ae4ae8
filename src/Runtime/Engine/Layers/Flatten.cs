namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// Flatten needs no kernel: an NCHW batch [batch, C, H, W] in row-major memory already is the batch of vectors
/// [batch, C·H·W] in (c, h, w) order, PyTorch's flatten order, which is what <see cref="Dense"/> expects. Forward
/// passes the same buffer on, and backward passes the gradient buffer back unchanged.
/// </summary>
public static class Flatten
{
    /// <summary>The vector length of one flattened image: C·H·W.</summary>
    /// <param name="channels">Channels.</param>
    /// <param name="height">Height.</param>
    /// <param name="width">Width.</param>
    public static int Features(int channels, int height, int width) => checked(channels * height * width);
}
