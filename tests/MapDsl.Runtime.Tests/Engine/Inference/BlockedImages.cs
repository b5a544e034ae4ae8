using MapDsl.Runtime.Engine.Inference;

namespace MapDsl.Runtime.Tests.Engine.Inference;

/// <summary>One NCHW image into and out of the blocked, bordered layout of the fused inference path, written from its definition.</summary>
internal static class BlockedImages
{
    /// <summary>A buffer of shape.Floats plus the slack, zero except the image's values.</summary>
    public static float[] ToBlocked(ReadOnlySpan<float> image, BlockedShape shape)
    {
        var blocked = new float[shape.Floats + FusedValue.Slack];
        for (int c = 0; c < shape.Channels; c++)
        {
            for (int y = 0; y < shape.Height; y++)
            {
                for (int x = 0; x < shape.Width; x++)
                {
                    blocked[At(shape, c, y, x)] = image[((c * shape.Height) + y) * shape.Width + x];
                }
            }
        }

        return blocked;
    }

    public static float[] FromBlocked(float[] blocked, BlockedShape shape)
    {
        var image = new float[shape.Channels * shape.Height * shape.Width];
        for (int c = 0; c < shape.Channels; c++)
        {
            for (int y = 0; y < shape.Height; y++)
            {
                for (int x = 0; x < shape.Width; x++)
                {
                    image[((c * shape.Height) + y) * shape.Width + x] = blocked[At(shape, c, y, x)];
                }
            }
        }

        return image;
    }

    /// <summary>Where (c, y, x) lies: block c / width, grid (y + 1, x + 1), lane c % width.</summary>
    public static int At(BlockedShape shape, int c, int y, int x) =>
        (c / shape.BlockWidth * shape.BlockStride) + ((y + 1) * (shape.Width + 2) + x + 1) * shape.BlockWidth + (c % shape.BlockWidth);

    /// <summary>Whether every float that is not one of the image's values (border, padded channels, slack) is zero.</summary>
    public static bool OnlyTheImageIsWritten(float[] blocked, BlockedShape shape)
    {
        var inside = new bool[blocked.Length];
        for (int c = 0; c < shape.Channels; c++)
        {
            for (int y = 0; y < shape.Height; y++)
            {
                for (int x = 0; x < shape.Width; x++)
                {
                    inside[At(shape, c, y, x)] = true;
                }
            }
        }

        return blocked.Select((value, i) => inside[i] || value == 0).All(ok => ok);
    }
}
