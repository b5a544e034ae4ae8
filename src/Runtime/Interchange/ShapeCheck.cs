namespace MapDsl.Runtime.Interchange;

/// <summary>Checks a loaded tensor's shape against the one a layer needs, before its values are used.</summary>
public static class ShapeCheck
{
    /// <summary>
    /// Throws unless <paramref name="actual"/> equals <paramref name="expected"/>, with a message naming the layer and
    /// both shapes, e.g. <c>layer 'c1' weight: expected shape [6, 1, 5, 5], file has [6, 3, 5, 5]</c>.
    /// </summary>
    /// <param name="layer">The layer, as the mapping names it.</param>
    /// <param name="part">The tensor of the layer, e.g. <c>weight</c> or <c>bias</c>.</param>
    /// <param name="expected">The shape the layer needs.</param>
    /// <param name="actual">The shape in the file.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static void Require(string layer, string part, int[] expected, int[] actual)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            // No parameter name: ArgumentException would append "(Parameter '...')", which says nothing to a researcher.
            throw new ArgumentException($"layer '{layer}' {part}: expected shape {ShapeText.Format(expected)}, file has {ShapeText.Format(actual)}");
        }
    }
}
