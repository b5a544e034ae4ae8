namespace MapDsl.Runtime.Pruning;

/// <summary>Checks that a weight array really is the crossbar matrix (or conv tensor) the caller says it is.</summary>
internal static class MatrixShape
{
    public static void Check(int length, params ReadOnlySpan<(string Name, int Size)> dimensions)
    {
        long expected = 1;
        foreach ((string name, int size) in dimensions)
        {
            CheckPositive(size, name);

            // Past int.MaxValue the shape cannot match any array, so stop before the product can overflow.
            expected = expected > int.MaxValue ? expected : expected * size;
        }

        if (length != expected)
        {
            string shape = string.Join(" x ", dimensions.ToArray().Select(d => $"{d.Name} {d.Size}"));
            throw new ArgumentException($"The weight array holds {length} values but a tensor of {shape} needs {expected}.", "w");
        }
    }

    public static void CheckPositive(int size, string name)
    {
        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(name, size, $"{name} must be at least 1, got {size}.");
        }
    }
}
