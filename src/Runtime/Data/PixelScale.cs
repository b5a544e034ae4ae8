namespace MapDsl.Runtime.Data;

/// <summary>
/// Converts 8-bit grey levels to [0, 1] and back. The table makes the forward conversion exact and identical
/// everywhere, and rounding on the way back makes byte -> float -> byte the identity, so IDX round trips are lossless.
/// </summary>
internal static class PixelScale
{
    private static readonly float[] Levels = Enumerable.Range(0, 256).Select(level => level / 255f).ToArray();

    /// <summary>Grey level 0..255 as a value in [0, 1].</summary>
    public static float ToUnit(byte level) => Levels[level];

    /// <summary>Fills <paramref name="target"/> with the [0, 1] values of <paramref name="levels"/>.</summary>
    public static void ToUnit(ReadOnlySpan<byte> levels, Span<float> target)
    {
        for (int i = 0; i < levels.Length; i++)
        {
            target[i] = Levels[levels[i]];
        }
    }

    /// <summary>The nearest grey level of a value in [0, 1] (callers check the range).</summary>
    public static byte ToLevel(float unit) => (byte)MathF.Round(unit * 255f, MidpointRounding.AwayFromZero);
}
