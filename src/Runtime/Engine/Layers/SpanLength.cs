namespace MapDsl.Runtime.Engine.Layers;

/// <summary>
/// Checks that a buffer is exactly as long as the shape arguments say. Kernels index with the shapes, not with the
/// buffer lengths, so a mismatch would otherwise read the wrong elements silently instead of failing.
/// </summary>
internal static class SpanLength
{
    public static void Require(int actual, long expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} holds {actual} values but the shape needs {expected}.", name);
        }
    }

    /// <summary>For optional outputs: an empty buffer means "skip this result".</summary>
    public static void RequireOrEmpty(int actual, long expected, string name)
    {
        if (actual != 0)
        {
            Require(actual, expected, name);
        }
    }

    public static void RequirePositive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1.");
        }
    }
}
